package dev.floorgate.core.internal;

/** The core's Lua scripts (src/main/resources/lua), loaded into Redis once at start. */
record Scripts(LuaScript apply, LuaScript load, LuaScript trim, LuaScript snapshot, LuaScript correct) {
    static Scripts loadInto(RedisConnector redis) {
        Scripts s = new Scripts(LuaScript.load("apply"), LuaScript.load("load"), LuaScript.load("trim"),
                LuaScript.load("snapshot"), LuaScript.load("correct"));
        for (LuaScript script : new LuaScript[] {s.apply, s.load, s.trim, s.snapshot, s.correct}) {
            redis.preload(script);
        }
        redis.warnIfEvicting(org.slf4j.LoggerFactory.getLogger(Scripts.class));
        return s;
    }
}
