-- Trims write-back events that are committed to MySQL and acknowledged (called by WriteBackWorker).
-- KEYS[1] the bucket's stream   KEYS[2] its watermark   ARGV[1] the consumer group
-- Keeps everything from the group's oldest pending event, or, with nothing pending, from the one after the last
-- delivered. Deciding that inside the script matters with several core instances (issue 14): read outside, another
-- instance could read (and so make pending) new events between the two reads, and the trim would remove events that
-- are pending and not yet in MySQL. Bumping the watermark in the same atomic step is what lets ColdLoader and
-- Reconciler detect a trim that happened while they were reading MySQL.
local keep
local pending = redis.call('XPENDING', KEYS[1], ARGV[1])
if pending[1] > 0 then
  keep = pending[2]
else
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local name, last
    for i = 1, #g, 2 do
      if g[i] == 'name' then
        name = g[i + 1]
      elseif g[i] == 'last-delivered-id' then
        last = g[i + 1]
      end
    end
    if name == ARGV[1] and last then
      local dash = string.find(last, '-', 1, true)
      keep = string.sub(last, 1, dash) .. string.format('%d', tonumber(string.sub(last, dash + 1)) + 1)
    end
  end
end
if not keep then
  return 0
end
local n = redis.call('XTRIM', KEYS[1], 'MINID', keep)
if n > 0 then
  redis.call('INCR', KEYS[2])
end
return n
