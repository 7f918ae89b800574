import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real nginx binary running the shipped site file (`nginx/worksupport.conf`) adapted to a
/// temp directory: a free port on 127.0.0.1, the pool's temp socket, logs and pid beside it.
public final class TestNginx: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    private let process: Process

    /// `readTimeoutSeconds` replaces the site's `fastcgi_read_timeout` (match the pool's
    /// `--request-timeout` to see nginx's 504 before the pool kills the worker).
    /// `ports` hands out the ports to try (a test of the retry gives a taken one first).
    /// `shippedRateLimits` keeps the site's request rates; otherwise they are lifted far past what
    /// a test sends (the limits stay in place, keyed as shipped), since most tests send many
    /// requests from one key and are about something else.
    public init(upstreamSocket: String, readTimeoutSeconds: Int? = nil, shippedRateLimits: Bool = false,
                nginxBinary: String = "/usr/sbin/nginx", ports: () throws -> Int = FreePort.find) throws {
        directory = try TestDirectory.make(prefix: "nginx")
        // The free port is only free until somebody else binds or connects from it (tests run in
        // parallel): a start that lost the port tries another, and readiness is asked of a
        // location only this instance answers, never of whatever listens there.
        let token = directory.lastPathComponent
        var attempt = 0
        while true {
            attempt += 1
            let port = try ports()
            let process = try Self.launch(in: directory, port: port, token: token, upstreamSocket: upstreamSocket,
                                          readTimeoutSeconds: readTimeoutSeconds,
                                          shippedRateLimits: shippedRateLimits, nginxBinary: nginxBinary)
            let client = HTTPTestClient(port: port, timeoutSeconds: 1)
            let ready = Deadline.poll(seconds: 10) {
                !process.isRunning || (try? client.get(Self.probePath))?.text == token
            }
            if ready && process.isRunning {
                self.port = port
                self.process = process
                return
            }
            let log = (try? String(contentsOfFile: directory.path + "/error.log", encoding: .utf8)) ?? ""
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            guard attempt < 5, log.contains("Address already in use") else {
                throw TestEnvironmentError(message: "nginx did not start on port \(port): \(log)")
            }
        }
    }

    static let probePath = "/__worksupport_test_probe"

    private static func launch(in directory: URL, port: Int, token: String, upstreamSocket: String,
                               readTimeoutSeconds: Int?, shippedRateLimits: Bool,
                               nginxBinary: String) throws -> Process {
        var site = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("nginx/worksupport.conf"),
                              encoding: .utf8)
        site = site.replacingOccurrences(of: "unix:/run/worksupport/api.sock", with: "unix:\(upstreamSocket)")
            .replacingOccurrences(of: "listen 127.0.0.1:8080;", with: """
                listen 127.0.0.1:\(port);
                    location = \(probePath) { access_log off; return 200 "\(token)"; }
                """)
            .replacingOccurrences(of: "/var/log/nginx/worksupport-access.log", with: directory.path + "/access.log")
        if let readTimeoutSeconds {
            site = site.replacingOccurrences(of: "fastcgi_read_timeout 30s;",
                                             with: "fastcgi_read_timeout \(readTimeoutSeconds)s;")
        }
        if !shippedRateLimits {
            site = site.replacing(/rate=\d+r\/s;/, with: "rate=1000000r/s;")
                .replacing(/burst=\d+\b/, with: "burst=100000")
        }
        let path = directory.path
        // Tests run as root: without `user root;` nginx's workers (nobody) could not reach the socket.
        let user = geteuid() == 0 ? "user root;" : ""
        let main = """
            \(user)
            worker_processes 1;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log info;
            events { worker_connections 1024; }
            http {
                client_body_temp_path \(path)/body;
                fastcgi_temp_path \(path)/fastcgi;
                proxy_temp_path \(path)/proxy;
                uwsgi_temp_path \(path)/uwsgi;
                scgi_temp_path \(path)/scgi;
                include \(path)/site.conf;
            }
            """
        try site.write(toFile: path + "/site.conf", atomically: true, encoding: .utf8)
        try main.write(toFile: path + "/nginx.conf", atomically: true, encoding: .utf8)
        // `include fastcgi_params` is relative to the config's directory: the stock Debian file.
        if !FileManager.default.fileExists(atPath: path + "/fastcgi_params") {
            try FileManager.default.copyItem(atPath: "/etc/nginx/fastcgi_params", toPath: path + "/fastcgi_params")
        }
        try? FileManager.default.removeItem(atPath: path + "/error.log")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginxBinary)
        process.arguments = ["-c", path + "/nginx.conf", "-e", path + "/error.log", "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: TestDirectory.touch(path + "/stderr.log"))
        try process.run()
        return process
    }

    /// Stopped and its scratch directory removed: test runs leave nothing in /tmp.
    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public var client: HTTPTestClient { HTTPTestClient(port: port) }

    public var errorLog: String { (try? String(contentsOfFile: directory.path + "/error.log", encoding: .utf8)) ?? "" }
    public var accessLog: String { (try? String(contentsOfFile: directory.path + "/access.log", encoding: .utf8)) ?? "" }

    /// Fast shutdown, waited for with a deadline.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        if !Deadline.poll(seconds: 5, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Scratch directories and files for the harnesses.
public enum TestDirectory {
    public static func make(prefix: String) throws -> URL {
        var template = Array("/tmp/worksupport-\(prefix)-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw TestEnvironmentError(message: "mkdtemp failed: errno \(errno)")
        }
        return URL(fileURLWithPath: String(cString: created))
    }

    public static func touch(_ path: String) -> URL {
        FileManager.default.createFile(atPath: path, contents: nil)
        return URL(fileURLWithPath: path)
    }
}

/// A TCP port nobody listens on right now (bound to port 0 and released).
public enum FreePort {
    public static func find() throws -> Int {
        let bound = try bind(listening: false)
        close(bound.fd)
        return bound.port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel chose (and listening, if asked),
    /// with that port. The caller closes it.
    public static func bind(listening: Bool) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, length) == 0 && (!listening || listen(fd, 8) == 0)
                    && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else {
            let saved = errno
            close(fd)
            throw TestEnvironmentError(message: "no free port: errno \(saved)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
