package dev.floorgate.lan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, unmodifiable copies for the types' constructors: a caller's list or map never changes a body. */
final class Copies {
    private Copies() {
    }

    /** A copy; null reads as empty (a body's array is written as [] then). */
    static <T> List<T> list(List<T> list) {
        return list == null ? Collections.<T>emptyList() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A copy; null stays null (the field is left out of the body). */
    static <T> List<T> listOrNull(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A copy keeping the order given; null reads as empty. */
    static <V> Map<String, V> map(Map<String, V> map) {
        return map == null ? Collections.<String, V>emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A copy keeping the order given; null stays null. */
    static <V> Map<String, V> mapOrNull(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
