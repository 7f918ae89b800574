import FoundationEssentials

/// RFC 3339 UTC text (`2026-11-20T10:15:30Z`, whole seconds) for the modules that avoid Foundation's formatters.
public enum RFC3339Text {
    public static func utc(_ date: Date) -> String { CivilTime(date).rfc3339UTCText }
}
