-- Applies a group of operations to ONE stock record, in order, in one atomic step (called by OperationEngine).
-- Every key below carries the record's hash tag, so the script touches one Redis Cluster slot.
--
-- KEYS[1] stock hash   KEYS[2] the bucket's write-back stream   KEYS[3] the bucket's trim watermark
-- KEYS[2+2i] operation i's idempotency hash   KEYS[3+2i] operation i's order hash (its op key when it has no order)
-- ARGV[1] idempotency TTL ms   ARGV[2] clock-skew margin ms   ARGV[3] record id   ARGV[4] record as shown to people
-- ARGV[5] number of operations, then 12 values per operation:
--   opId, fingerprint, type, qty, orderNo (''), operation time ms (-1 = none; the gateway's corrected receive time,
--   else the id's time: OperationTime), ledger checked (1/0),
--   reject code ('' = apply; else record this rejection decided by the caller), reject message, canonical JSON,
--   the watermark read before the ledger was checked (''), claimed before (1 = its opId claim existed already)
--
-- Returns one item per operation handled: {kind, status, code, message, onHand, usable, reserved, delta} with kind
-- NEW (first result), DUP (the stored first result) or REUSED (same opId, other body); absent values are ''.
-- Handling stops early with a final string item: 'LOAD' (the record is not in Redis: load it from MySQL, then send
-- the remaining operations again) or 'LEDGER' (Redis may have forgotten this operation: look its opId up in the
-- MySQL ledger, then send it again with ledger checked = 1 and the watermark read before the lookup).
--
-- When may Redis have forgotten an operation whose idempotency hash is absent? When it carries no time; when
-- its time is older than the TTL (minus the clock-skew margin); when its time is more than the margin ahead of
-- this clock (a clock that runs days fast says nothing about when the operation was first applied); when the record was reloaded from MySQL with history
-- (Redis lost data) after the id was made (plus the margin); when the opId's claim existed although no result did
-- (the result was lost, or a former attempt died between claim and apply). Then the ledger is asked; and since the
-- ledger lags Redis by the write-back, the stream is searched for the opId too. A trim between the ledger read and
-- this search would hide an event in both places, so a moved watermark sends the operation back to the ledger.
local stockKey, stream, watermark = KEYS[1], KEYS[2], KEYS[3]
local ttl, margin = tonumber(ARGV[1]), tonumber(ARGV[2])
local rec, display, n = ARGV[3], ARGV[4], tonumber(ARGV[5])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
local s = nil
-- A first result lives for the TTL after its application AND after its operation's time, so that an operation whose
-- time runs ahead of this clock still finds its result for as long as its time says it is recent. Bounded
-- (400 days) so that a clock in the year 2100 cannot pin keys for ever; DESIGN.md, "Wrong clocks".
local MAX_HOLD = 400 * 86400000
local hold = 0

-- Numbers go to Redis as exact integers (Lua's default formatting switches to exponents above 1e14).
local function int(x)
  if x == '' then return '' end
  return string.format('%d', x)
end

local function readRecord()
  local h = redis.call('HMGET', stockKey, 'oh', 'us', 'rs', 'v', 'la')
  s = {oh = tonumber(h[1]) or 0, us = tonumber(h[2]) or 0, rs = tonumber(h[3]) or 0,
       v = tonumber(h[4]) or 0, la = tonumber(h[5]) or 0}
end

-- Stores the first result of an operation; the caller's repeat gets it back as DUP. The figures come as strings
-- already (int() or ''), formatted once per operation for here, the stock hash and the stream.
local function remember(opKey, fp, st, code, msg, oh, us, rs, d)
  redis.call('HSET', opKey, 'fp', fp, 'st', st, 'c', code, 'm', msg, 'oh', oh, 'us', us, 'rs', rs, 'd', d)
  redis.call('PEXPIRE', opKey, ttl + hold)
end

local function rejected(op, code, msg)
  remember(op.key, op.fp, 'REJECTED', code, msg, '', '', '', '')
  redis.call('XADD', stream, '*', 'k', 'R', 'op', op.id, 'fp', op.fp, 'rec', rec, 'st', 'REJECTED',
    'c', code, 'm', msg, 'ord', op.ord, 'j', op.json)
  out[#out + 1] = {'NEW', 'REJECTED', code, msg, '', '', '', ''}
end

-- o: the order hash after the operation ({} when the operation has no order).
local function applied(op, msg, delta, o)
  s.v = s.v + 1
  local oh, us, rs, v, d = int(s.oh), int(s.us), int(s.rs), int(s.v), int(delta)
  redis.call('HSET', stockKey, 'oh', oh, 'us', us, 'rs', rs, 'v', v)
  remember(op.key, op.fp, 'APPLIED', '', msg, oh, us, rs, d)
  redis.call('XADD', stream, '*', 'k', 'A', 'op', op.id, 'fp', op.fp, 'rec', rec, 'v', v,
    'oh', oh, 'us', us, 'rs', rs, 'st', 'APPLIED', 'm', msg, 'd', d,
    'ord', op.ord, 'ok', (op.ord ~= '' and op.okey or ''), 'or', int(o.r or ''), 'op_', int(o.p or ''),
    'os', o.s or '', 'j', op.json)
  out[#out + 1] = {'NEW', 'APPLIED', '', msg, s.oh, s.us, s.rs, delta}
end

-- e: whether the order hash existed (every writer of it, here and load.lua, sets s).
local function readOrder(op)
  local h = redis.call('HMGET', op.okey, 's', 'r', 'p')
  return {s = h[1] or '', r = tonumber(h[2]) or 0, p = tonumber(h[3]) or 0, e = h[1] ~= false}
end

-- One HSET (the RESERVE's opId in it too) and the expiry: an active reservation never expires, so a hash that
-- held an older, expiring state is PERSISTed; a hash made just now has no expiry to remove.
local function writeOrder(op, o, existed)
  if op.type == 'RESERVE' then
    redis.call('HSET', op.okey, 's', o.s, 'r', int(o.r), 'p', int(o.p), 'op', op.id)
  else
    redis.call('HSET', op.okey, 's', o.s, 'r', int(o.r), 'p', int(o.p))
  end
  if o.s ~= 'R' then
    redis.call('PEXPIRE', op.okey, ttl)
  elseif existed then
    redis.call('PERSIST', op.okey)
  end
end

local function apply(op)
  local q = op.qty
  if op.type == 'RECEIVE' then
    s.oh = s.oh + q; s.us = s.us + q
    return applied(op, '', '', {})
  elseif op.type == 'ADJUST' then
    if s.us + q < 0 then
      return rejected(op, 'INSUFFICIENT_STOCK', 'usable ' .. s.us .. ' + adjustment ' .. q
        .. ' would go below 0 for ' .. display)
    end
    s.oh = s.oh + q; s.us = s.us + q
    return applied(op, '', '', {})
  elseif op.type == 'COUNT' then
    if s.rs > q then
      return rejected(op, 'COUNT_BELOW_RESERVED', 'counted ' .. q .. ' is below reserved ' .. s.rs
        .. ' for ' .. display)
    end
    local delta = q - s.oh
    s.oh = q; s.us = q - s.rs
    return applied(op, '', delta, {})
  elseif op.type == 'RESERVE' then
    local o = readOrder(op)
    if o.s == 'R' then
      return rejected(op, 'ALREADY_RESERVED', 'order ' .. op.ord .. ' already holds ' .. o.r .. ' reserved on '
        .. display)
    end
    if s.us < q then
      return rejected(op, 'INSUFFICIENT_STOCK', 'usable ' .. s.us .. ' < requested ' .. q .. ' for ' .. display)
    end
    s.us = s.us - q; s.rs = s.rs + q
    local existed = o.e
    o = {s = 'R', r = q, p = o.p}
    writeOrder(op, o, existed)
    return applied(op, '', '', o)
  elseif op.type == 'RELEASE' then
    local o = readOrder(op)
    if o.s ~= 'R' or o.r <= 0 then
      return rejected(op, 'NOTHING_TO_RELEASE', 'order ' .. op.ord .. ' holds no reservation on ' .. display)
    end
    local released = o.r
    s.us = s.us + released; s.rs = s.rs - released
    o = {s = 'X', r = 0, p = o.p}
    writeOrder(op, o, true)
    return applied(op, 'released ' .. released .. ' of order ' .. op.ord .. ' (expected ' .. q .. ')', '', o)
  elseif op.type == 'PICK' then
    if op.ord ~= '' then
      local o = readOrder(op)
      local held = (o.s == 'R') and o.r or 0
      if held < q then
        return rejected(op, 'INSUFFICIENT_RESERVATION', 'order ' .. op.ord .. ' holds ' .. held
          .. ' reserved < requested ' .. q .. ' for ' .. display)
      end
      s.rs = s.rs - q; s.oh = s.oh - q
      o = {s = (o.r - q == 0) and 'P' or 'R', r = o.r - q, p = o.p + q}
      writeOrder(op, o, true)
      return applied(op, '', '', o)
    end
    if s.us < q then
      return rejected(op, 'INSUFFICIENT_STOCK', 'usable ' .. s.us .. ' < requested ' .. q .. ' for ' .. display)
    end
    s.us = s.us - q; s.oh = s.oh - q
    return applied(op, '', '', {})
  elseif op.type == 'SHIP' then
    local o = readOrder(op)
    if o.s ~= '' then
      redis.call('HSET', op.okey, 'sh', 1)
    end
    return applied(op, '', '', {s = (o.s ~= '' and o.s or nil), r = (o.s ~= '' and o.r or nil),
      p = (o.s ~= '' and o.p or nil)})
  end
  -- PUTAWAY, MOVE: recorded with their locations, totals unchanged.
  return applied(op, '', '', {})
end

-- The first result of opId in the stream (an event not yet trimmed), or nil.
local function fromStream(opId)
  local last = '+'
  while true do
    local page = redis.call('XREVRANGE', stream, last, '-', 'COUNT', 500)
    if #page == 0 then return nil end
    for _, e in ipairs(page) do
      local kv, f = e[2], {}
      for j = 1, #kv, 2 do f[kv[j]] = kv[j + 1] end
      if f.op == opId and (f.k == 'A' or f.k == 'R') then return f end
    end
    last = '(' .. page[#page][1]
  end
end

for i = 1, n do
  local a = 5 + (i - 1) * 12
  local op = {id = ARGV[a + 1], fp = ARGV[a + 2], type = ARGV[a + 3], qty = tonumber(ARGV[a + 4]),
    ord = ARGV[a + 5], time = tonumber(ARGV[a + 6]), checked = ARGV[a + 7], rcode = ARGV[a + 8],
    rmsg = ARGV[a + 9], json = ARGV[a + 10], wm = ARGV[a + 11], claimed = ARGV[a + 12],
    key = KEYS[2 + 2 * i], okey = KEYS[3 + 2 * i]}
  hold = math.max(0, math.min(op.time - now, MAX_HOLD))
  local prev = redis.call('HMGET', op.key, 'fp', 'st', 'c', 'm', 'oh', 'us', 'rs', 'd')
  if prev[1] then
    if prev[1] ~= op.fp then
      out[#out + 1] = {'REUSED', '', '', '', '', '', '', ''}
    else
      out[#out + 1] = {'DUP', prev[2], prev[3], prev[4], prev[5], prev[6], prev[7], prev[8]}
    end
  elseif op.rcode ~= '' then
    rejected(op, op.rcode, op.rmsg)
  else
    if s == nil then
      if redis.call('EXISTS', stockKey) == 0 then
        out[#out + 1] = 'LOAD'
        return out
      end
      readRecord()
    end
    local found = nil
    if op.time < 0 or op.time < now - ttl + margin or op.time > now + margin or op.claimed == '1'
        or (s.la > 0 and op.time < s.la + margin) then
      if op.checked ~= '1' or (redis.call('GET', watermark) or '0') ~= op.wm then
        out[#out + 1] = 'LEDGER'
        return out
      end
      found = fromStream(op.id)
    end
    if found == nil then
      apply(op)
    elseif found.fp ~= op.fp then
      out[#out + 1] = {'REUSED', '', '', '', '', '', '', ''}
    else
      remember(op.key, op.fp, found.st, found.c or '', found.m or '', found.oh or '', found.us or '', found.rs or '',
        found.d or '') -- the stream holds them formatted already
      out[#out + 1] = {'DUP', found.st, found.c or '', found.m or '', found.oh or '', found.us or '', found.rs or '',
        found.d or ''}
    end
  end
end
return out
