-- An explicit admin correction of one stock record (called by CorrectionService).
-- KEYS[1] stock hash   KEYS[2] the bucket's stream
-- ARGV[1] record id   ARGV[2..4] onHand, usable, reserved to set   ARGV[5] the MySQL row's sequence
-- ARGV[6] the correction's opId   ARGV[7] its JSON for the ledger
-- The new sequence exceeds both Redis's and MySQL's, so the write-back applies it even where MySQL was ahead.
-- Returns {'LOAD'} when the record is not in Redis, else {'OK', onHand, usable, reserved before, new sequence}.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'LOAD'}
end
local h = redis.call('HMGET', KEYS[1], 'oh', 'us', 'rs', 'v')
local v = math.max(tonumber(h[4]) or 0, tonumber(ARGV[5])) + 1
redis.call('HSET', KEYS[1], 'oh', ARGV[2], 'us', ARGV[3], 'rs', ARGV[4], 'v', v)
redis.call('XADD', KEYS[2], '*', 'k', 'C', 'op', ARGV[6], 'fp', '', 'rec', ARGV[1], 'v', v,
  'oh', ARGV[2], 'us', ARGV[3], 'rs', ARGV[4], 'st', 'APPLIED', 'm', 'correction', 'd', '', 'ord', '', 'j', ARGV[7])
return {'OK', h[1] or '0', h[2] or '0', h[3] or '0', v}
