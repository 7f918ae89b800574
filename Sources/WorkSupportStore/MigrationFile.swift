import FoundationEssentials
import Glibc
import WorkSupportCore

/// One numbered plain-SQL file of `migrations/` (`0003_issues.sql`).
public struct MigrationFile: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes; an applied file must never change.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SecretDigest.sha256Hex(sql)
    }

    /// `NNNN_words.sql` → (NNNN, file name); nil for any other name.
    static func parseName(_ fileName: String) -> Int? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let digits = fileName.prefix(while: \.isNumber)
        guard digits.count >= 1, fileName.dropFirst(digits.count).first == "_" else { return nil }
        return Int(digits)
    }
}

/// The migrations directory, found where an install or a checkout puts it.
public enum MigrationCatalog {
    /// Search order: explicit path, `$WORKSUPPORT_MIGRATIONS_DIR`, `<exe>/../share/worksupport/migrations`,
    /// `/usr/share/worksupport/migrations`, then `./migrations` and the checkout the binary was built in.
    public static func locate(explicit: String?, environment: [String: String],
                              executablePath: String) throws(StoreError) -> String {
        if let explicit { return explicit }
        var candidates: [String] = []
        if let fromEnv = environment["WORKSUPPORT_MIGRATIONS_DIR"], !fromEnv.isEmpty { candidates.append(fromEnv) }
        let exeDir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exeDir.appendingPathComponent("../share/worksupport/migrations").standardized.path)
        candidates.append("/usr/share/worksupport/migrations")
        candidates.append(FileManager.default.currentDirectoryPath + "/migrations")
        // A development build lives in <checkout>/.build/<triple>/<config>/.
        var dir = exeDir
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("migrations").path)
        }
        for path in candidates {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return path }
        }
        throw StoreError(code: .migrationsNotFound,
                         message: "migrations directory not found (looked in \(candidates.joined(separator: ", "))); pass --migrations DIR")
    }

    /// Every `NNNN_name.sql` in `directory`, in version order. Other files are an error, so a
    /// mistyped name is not silently skipped.
    public static func load(directory: String) throws(StoreError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StoreError(code: .migrationsNotFound, message: "cannot read migrations directory \(directory): \(error)")
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            guard let version = MigrationFile.parseName(name) else {
                throw StoreError(code: .badMigrationFile,
                                 message: "\(directory)/\(name): not a migration file name (expected NNNN_name.sql)")
            }
            if let twin = files.first(where: { $0.version == version }) {
                throw StoreError(code: .badMigrationFile,
                                 message: "\(directory): \(twin.name) and \(name) have the same version \(version)")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                  let sql = String(data: data, encoding: .utf8) else {
                throw StoreError(code: .badMigrationFile, message: "\(directory)/\(name): unreadable or not UTF-8")
            }
            files.append(MigrationFile(version: version, name: name, sql: sql))
        }
        return files.sorted { $0.version < $1.version }
    }
}
