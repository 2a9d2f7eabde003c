-- One bucket at one instant, for reconciliation (called by Reconciler).
-- KEYS[1] the bucket's record set   KEYS[2] its stream   KEYS[3] its watermark   ARGV[1] the bucket's key prefix
-- Returns {watermark, {{rec, onHand, usable, reserved, seq}...}, {{rec, seq, onHand, usable, reserved}...}}: every
-- record held in Redis and every stock-changing event still in the stream (in flight or not yet trimmed).
local states = {}
for _, rec in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local h = redis.call('HMGET', ARGV[1] .. 's:' .. rec, 'oh', 'us', 'rs', 'v')
  if h[1] then
    states[#states + 1] = {rec, h[1], h[2], h[3], h[4]}
  end
end
local events = {}
for _, e in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
  local kv, f = e[2], {}
  for j = 1, #kv, 2 do f[kv[j]] = kv[j + 1] end
  if f.k == 'A' or f.k == 'C' then
    events[#events + 1] = {f.rec, f.v, f.oh, f.us, f.rs}
  end
end
return {redis.call('GET', KEYS[3]) or '0', states, events}
