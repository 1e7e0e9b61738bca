import ServiceLifecycle

/// Keeps systemd's watchdog fed (`WatchdogSec=`): `WATCHDOG=1` every half of `$WATCHDOG_USEC`, from the start of the
/// service group until its graceful shutdown reaches this service (after the pass loop has ended).
struct SystemdWatchdog: Service {
    let notifier: SystemdNotifier
    let interval: Duration

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Returns on graceful shutdown, or (throwing) on cancellation: either way, the keep-alives end.
                try? await gracefulShutdown()
            }
            group.addTask {
                while !Task.isCancelled {
                    notifier.send(.watchdog)
                    try? await Task.sleep(for: interval)
                }
            }
            _ = await group.next()
            group.cancelAll()
        }
    }
}
