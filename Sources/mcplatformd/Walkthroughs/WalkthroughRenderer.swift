import Shared

/// The text an agent receives for a step (docs/WALKTHROUGHS.md "What the agent receives"): the
/// walkthrough's title, the step heading with its number, how to navigate, each non-empty
/// section in its tag, and a footer with the walkthrough id, progress and the step id to pass
/// back as `current_step_id`.
enum WalkthroughRenderer {
    /// The id of a step as the tools hand it out and take it back: `<walkthrough slug>:<step key>`.
    static func stepID(slug: String, key: String) -> String { "\(slug):\(key)" }

    static func step(title: String, slug: String, steps: [WalkthroughStep], index: Int, completed: Int) -> String {
        let step = steps[index]
        var out = "# \(title)\n\n## Step \(index + 1) of \(steps.count): \(step.title)\n\n"
        out += "Relay the <step_content> to the user verbatim before anything else, then follow the other sections. "
            + "Ask the user before moving on; when this step is done, call `get_next_step` with `current_step_id`. "
            + "Use `start_walkthrough` to switch to another walkthrough or to restart this one.\n"
        for (tag, text) in [("step_information_and_objectives", step.introduction), ("background_information_context", step.context),
                            ("operations_to_perform", step.operations), ("step_content", step.content)] where !text.isEmpty {
            out += "\n<\(tag)>\n\(text)\n</\(tag)>\n"
        }
        return out + footer(slug: slug, total: steps.count, completed: completed, complete: false, current: step.key)
    }

    static func completed(title: String, slug: String, total: Int) -> String {
        "# \(title)\n\nThe walkthrough is complete: all \(total) steps are done. Congratulate the user; to go through it again, "
            + "call `start_walkthrough` with `restart: true`.\n" + footer(slug: slug, total: total, completed: total, complete: true, current: nil)
    }

    static func footer(slug: String, total: Int, completed: Int, complete: Bool, current: String?) -> String {
        let percent = total == 0 ? 100 : completed * 100 / total
        var out = "\n---\nwalkthrough_id: \(slug)\nprogress: \(percent)% (\(completed) of \(total) steps done)\ncomplete: \(complete ? "yes" : "no")\n"
        if let current { out += "current_step_id: \(stepID(slug: slug, key: current))\n" }
        return out
    }
}
