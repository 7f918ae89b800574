extension SimState {
    /// The issues named by id or key, in the order asked, each once; unknown names are left out
    /// (as Jira leaves out issues the caller cannot see). With the dataset to render them.
    func jiraIssues(idsOrKeys: [String]) -> (issues: [SimJiraIssue], catalog: SimDataset) {
        live.withLock { state in
            var seen = Set<Int>()
            var issues: [SimJiraIssue] = []
            for name in idsOrKeys {
                let wanted = JiraKey(name)?.text ?? name
                guard let index = state.jiraIndex[wanted] ?? Int(name).flatMap({ state.jiraIDIndex[$0] }),
                      seen.insert(index).inserted else { continue }
                issues.append(state.dataset.jiraIssues[index])
            }
            return (issues, state.dataset)
        }
    }
}
