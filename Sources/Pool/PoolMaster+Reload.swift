import Logging

/// SIGHUP: re-read the config and replace the workers one at a time, each old worker stopping
/// only after its replacement accepts, so the pool never has fewer ready workers than before.
extension PoolMaster {
    var hasOldGeneration: Bool {
        workers.values.contains { $0.intent == .serve && $0.generation < generation }
    }

    func beginReload() {
        notifier.notify("RELOADING=1")
        do {
            let fresh = try reloadSettings()
            let capacityLimit = (scoreboard.slotCapacity - 2) / 2
            if fresh.workers > capacityLimit {
                logger.warning("reload_clamped", metadata: ["workers": "\(fresh.workers)", "max": "\(capacityLimit)"])
            }
            settings = fresh
            settings.workers = min(fresh.workers, capacityLimit)
            crashGuard = CrashLoopGuard(policy: settings.crashLoop)
            scoreboard.header(.targetWorkers).store(UInt64(settings.workers))
        } catch {
            // A broken file must not take the running pool down: keep serving, say why.
            logger.error("reload_failed", metadata: ["error": "\(error)"])
            notifier.notify("READY=1")
            return
        }
        generation += 1
        logger.info("reload_started", metadata: ["generation": "\(generation)", "workers": "\(settings.workers)"])
    }

    /// One step of the roll per tick: stop an old worker once enough new ones are ready,
    /// else start one new worker if none is starting.
    func advanceReload(now: Double) {
        guard hasOldGeneration else { return }
        let serving = workers.values.filter { $0.intent == .serve }
        let ready = serving.filter { [.idle, .busy].contains(scoreboard.slot($0.slot).state) }
        let old = serving.filter { $0.generation < generation }.sorted { $0.spawnedAt < $1.spawnedAt }
        if ready.count > settings.workers || serving.count - old.count >= settings.workers,
           let oldest = old.first {
            requestStop(slot: oldest.slot, now: now)
            if !hasOldGeneration {
                logger.info("reload_finished", metadata: ["generation": "\(generation)"])
                notifier.notify("READY=1")
            }
            return
        }
        let starting = serving.contains { $0.generation == generation && !ready.contains($0) }
        guard !starting, pendingSpawns.isEmpty else { return }
        spawnWorker(now: now)
    }
}
