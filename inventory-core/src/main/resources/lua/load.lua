-- Loads one stock record from MySQL into Redis without racing the write-back (called by ColdLoader).
--
-- KEYS[1] stock hash   KEYS[2] the bucket's write-back stream   KEYS[3] the bucket's trim watermark
-- KEYS[4] the bucket's record set   KEYS[4+i] the order hash of the i-th active reservation read from MySQL
-- ARGV[1] record id   ARGV[2] watermark read BEFORE MySQL was read   ARGV[3] the MySQL row's sequence
-- ARGV[4..6] its onHand, usable, reserved   ARGV[7] 1 when MySQL knows operations on this record
-- ARGV[8] idempotency TTL ms   ARGV[9] number of reservations, then per reservation: remaining, picked
--
-- Why this is exact: MySQL holds every event committed before the caller read it. Events are trimmed from the
-- stream only after their commit, and every trim bumps the watermark. If the watermark is unchanged, every event
-- not in the MySQL snapshot is still in the stream; each carries the record's absolute figures after it, so the
-- newest one beyond the MySQL sequence is the record's true state (and likewise per order). A changed watermark
-- answers RETRY: read MySQL again.
-- Returns {'EXISTS'} (someone else loaded it first), {'RETRY'}, or {'LOADED', events found beyond MySQL}.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'EXISTS'}
end
if (redis.call('GET', KEYS[3]) or '0') ~= ARGV[2] then
  return {'RETRY'}
end
local rec, mseq, ttl = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[8])
local newest = nil
local orders = {}
local found, history = 0, ARGV[7] == '1'
local last = '+'
while true do
  local page = redis.call('XREVRANGE', KEYS[2], last, '-', 'COUNT', 500)
  if #page == 0 then break end
  for _, e in ipairs(page) do
    local kv, f = e[2], {}
    for j = 1, #kv, 2 do f[kv[j]] = kv[j + 1] end
    if f.rec == rec then
      history = true
      if (f.k == 'A' or f.k == 'C') and tonumber(f.v) > mseq then
        found = found + 1
        if newest == nil then newest = f end
        if f.ok and f.ok ~= '' and f.os and f.os ~= '' and orders[f.ok] == nil then orders[f.ok] = f end
      end
    end
  end
  last = '(' .. page[#page][1]
end
local oh, us, rs, v = ARGV[4], ARGV[5], ARGV[6], ARGV[3]
if newest then oh, us, rs, v = newest.oh, newest.us, newest.rs, newest.v end
local la = 0
if history then
  local t = redis.call('TIME')
  la = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
redis.call('HSET', KEYS[1], 'oh', oh, 'us', us, 'rs', rs, 'v', v, 'la', la)
redis.call('SADD', KEYS[4], rec)
local n = tonumber(ARGV[9])
for i = 1, n do
  local key = KEYS[4 + i]
  if orders[key] == nil and redis.call('EXISTS', key) == 0 then
    redis.call('HSET', key, 's', 'R', 'r', ARGV[9 + 2 * i - 1], 'p', ARGV[9 + 2 * i])
  end
end
for key, f in pairs(orders) do
  if redis.call('EXISTS', key) == 0 then
    redis.call('HSET', key, 's', f.os, 'r', f['or'], 'p', f.op_)
    if f.os ~= 'R' then redis.call('PEXPIRE', key, ttl) end
  end
end
return {'LOADED', found}
