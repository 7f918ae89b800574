/// The dashboard's paths, with values percent-encoded so a key like `owner/repo#12` stays one
/// path segment and a query value cannot add parameters.
public enum DashboardPath {
    public static let root = "/ui/"
    public static let login = "/ui/login"
    public static let logout = "/ui/logout"
    public static let runs = "/ui/runs"
    public static let reload = "/ui/runs/reload"
    public static let anomalies = "/ui/anomalies"
    public static let acknowledge = "/ui/anomalies/acknowledge"
    public static let reopen = "/ui/anomalies/reopen"
    public static let hierarchy = "/ui/hierarchy"
    public static let stylesheet = "/ui/assets/dashboard.css"
    public static let script = "/ui/assets/dashboard.js"
    public static let icon = "/ui/assets/icon.svg"

    public static func run(_ id: Int64) -> String { "/ui/runs/\(id)" }
    public static func anomaly(_ id: Int64) -> String { "/ui/anomalies/\(id)" }
    public static func issue(_ key: String) -> String { "/ui/issues/" + encoded(key) }
    public static func hierarchy(root key: String) -> String { "/ui/hierarchy?root_key=" + encoded(key) }

    /// `path?name=value&…` with the pairs whose value is not nil.
    public static func with(_ path: String, _ query: [(String, String?)]) -> String {
        let pairs = query.compactMap { name, value in value.map { encoded(name) + "=" + encoded($0) } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// Every byte but RFC 3986's unreserved characters as `%XX`.
    public static func encoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
