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

    /// The progress footer as `structuredContent`.
    static func progress(total: Int, completed: Int) -> JSONValue {
        ["completed": .int(Int64(completed)), "total": .int(Int64(total)), "percent": .int(Int64(total == 0 ? 100 : completed * 100 / total))]
    }

    /// A step as `structuredContent`: the walkthrough, the step and its id to pass back, progress.
    static func structuredStep(title: String, slug: String, steps: [WalkthroughStep], index: Int, completed: Int) -> JSONObject {
        let step = steps[index]
        let id = stepID(slug: slug, key: step.key)
        return ["walkthrough_id": .string(slug), "title": .string(title),
                "step": ["id": .string(id), "number": .int(Int64(index + 1)), "title": .string(step.title)],
                "current_step_id": .string(id), "progress": progress(total: steps.count, completed: completed), "complete": false]
    }

    /// A finished walkthrough as `structuredContent`.
    static func structuredCompleted(title: String, slug: String, total: Int) -> JSONObject {
        ["walkthrough_id": .string(slug), "title": .string(title), "progress": progress(total: total, completed: total), "complete": true]
    }

    /// The `outputSchema` of both walkthrough tools: a listing (`walkthroughs`), or one
    /// walkthrough's state (a step, or complete).
    static let outputSchema: JSONValue = {
        let counts: JSONValue = ["type": "integer", "minimum": 0]
        return [
            "type": "object",
            "properties": [
                "walkthroughs": [
                    "type": "array",
                    "description": "The walkthroughs on offer, when none was named.",
                    "items": [
                        "type": "object",
                        "properties": [
                            "walkthrough_id": ["type": "string"], "title": ["type": "string"], "type": ["type": "string"],
                            "status": ["type": "string", "enum": ["not_started", "in_progress", "completed"]],
                        ],
                        "required": ["walkthrough_id", "title", "status"],
                    ],
                ],
                "walkthrough_id": ["type": "string"],
                "title": ["type": "string"],
                "step": [
                    "type": "object",
                    "properties": ["id": ["type": "string"], "number": ["type": "integer", "minimum": 1], "title": ["type": "string"]],
                    "required": ["id", "number", "title"],
                ],
                "current_step_id": ["type": "string", "description": "Pass it to get_next_step when the step is done."],
                "progress": [
                    "type": "object",
                    "properties": ["completed": counts, "total": counts, "percent": ["type": "integer", "minimum": 0, "maximum": 100]],
                    "required": ["completed", "total", "percent"],
                ],
                "complete": ["type": "boolean"],
            ],
        ]
    }()
}
