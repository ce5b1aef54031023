/// What this binary was built from. `commit` is written at build time by the `BuildInfoPlugin`
/// (`scripts/build-info`): the git commit of the source tree, or `dev` for a build outside git.
/// A target of its own, so that a new commit recompiles only this file and the commands that
/// print it.
public enum BuildInfo {
    /// The short (12 hex digits) commit, or `dev`.
    public static var commit: String { buildCommit }
}
