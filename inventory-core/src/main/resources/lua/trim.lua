-- Trims write-back events that are committed to MySQL and acknowledged (called by WriteBackWorker).
-- KEYS[1] the bucket's stream   KEYS[2] its watermark   ARGV[1] the smallest id that must stay (pending or unread)
-- Bumping the watermark in the same atomic step is what lets ColdLoader and Reconciler detect a trim that
-- happened while they were reading MySQL.
local n = redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
if n > 0 then
  redis.call('INCR', KEYS[2])
end
return n
