import Connectors
import JSON
import Logging
import WorkSupportStore

/// Fetches the versions (`/rest/api/3/project/{key}/versions`) of every Jira project with
/// harvested issues into `releases`. A project whose versions fail to load keeps its stored ones;
/// the failure is logged but does not make the run partial, since no issue data is missing.
struct ReleaseHarvest {
    let client: JiraClient
    let store: ReleaseStore
    let progress: HarvestProgress

    func run() throws(StoreError) {
        var fetched: [String] = []
        var versions: [ReleaseVersion] = []
        for project in try store.harvestedJiraProjects() {
            do {
                for value in try client.projectVersions(projectKey: project) {
                    guard let name = value["name"]?.stringValue else { continue }
                    versions.append(ReleaseVersion(projectKey: project, name: name, versionID: value["id"]?.stringValue,
                                                   released: value["released"]?.boolValue ?? false,
                                                   releaseDate: value["releaseDate"]?.stringValue))
                }
                fetched.append(project)
            } catch {
                progress.log("versions_failed", ["project": "\(project)", "reason": "\(String(describing: error).prefix(300))"],
                             level: .warning)
            }
        }
        try store.replace(projects: fetched, versions: versions)
    }
}
