import FoundationEssentials
import Glibc
import Logging
import TextUtilities

/// Starts the harvester after a reload is queued, when `harvest.start_command` says how
/// (`systemctl start --no-block worksupport-harvest.service`). The command runs detached: a
/// `/bin/sh` puts it in the background and exits at once, so the worker waits only for that
/// shell (milliseconds) and never for the harvest, and leaves no zombie behind.
struct HarvestLauncher {
    let command: String?
    let logger = Logger(label: "worksupport.api")

    /// True when the command was handed to the shell; false when none is configured or the
    /// shell could not be started.
    func start() -> Bool {
        guard let command, !command.trimmingSpaces().isEmpty else { return false }
        let script = "(\(command)) </dev/null >/dev/null 2>&1 &"
        let arguments = ["/bin/sh", "-c", script]
        var pid = pid_t()
        let cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own: a signal to the worker's group does not reach it.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let result = posix_spawn(&pid, "/bin/sh", nil, &attributes, cArguments, environ)
        guard result == 0 else {
            logger.error("harvest_start_failed", metadata: ["errno": "\(result)"])
            return false
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        logger.info("harvest_started")
        return true
    }
}
