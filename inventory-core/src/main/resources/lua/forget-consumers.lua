-- Removes consumers of the write-back group that stopped long ago and hold nothing (called by WriteBackWorker).
-- KEYS[1] the bucket's stream   ARGV[1] the group   ARGV[2] idle milliseconds   ARGV[3] the caller's own name
-- Every instance start makes a new consumer name (InstanceId), so without this the group would collect one dead
-- name per restart. Only consumers with no pending event are removed, in this one atomic step: XGROUP DELCONSUMER
-- drops a consumer's pending events, and here there are none to drop. A live consumer removed by mistake (idle
-- that long, so not reading) is created again by its next XREADGROUP; it lost nothing. Returns the names removed.
local removed = {}
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local name, pending, idle
  for i = 1, #c, 2 do
    if c[i] == 'name' then
      name = c[i + 1]
    elseif c[i] == 'pending' then
      pending = c[i + 1]
    elseif c[i] == 'idle' then
      idle = c[i + 1]
    end
  end
  if name ~= ARGV[3] and pending == 0 and idle >= tonumber(ARGV[2]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], name)
    removed[#removed + 1] = name
  end
end
return removed
