#compdef mcpctl

__mcpctl_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__mcpctl_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __mcpctl_complete "${completions[@]:0:-1}"
    fi
}

__mcpctl_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_mcpctl() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'signup:Create an account and log in.'
            'login:Log in and store the login token in the current context.'
            'logout:Revoke the stored login token and forget it.'
            'whoami:Show who the current credential speaks for.'
            'passwd:Change your account'\''s password, or reset a forgotten one by email (prompts).'
            'context:Stored contexts: a daemon URL, a credential and an organization each.'
            'orgs:List, create and choose organizations.'
            'members:List members, invite people, change roles, remove members.'
            'invitations:List, accept and revoke invitations.'
            'tokens:Create, list and revoke API tokens for CI.'
            'servers:Create and manage hosted MCP servers.'
            'oauth-configs:Your own identity provider for servers in custom_oauth mode.'
            'users:End users of your MCP servers: who they are and what they did.'
            'sessions:End-user MCP sessions, with the timeline of their tool calls.'
            'tickets:Support tickets from your end users'\'' agents: read, answer, assign, close.'
            'webhooks:Send ticket and end-user events to your URLs (Slack, or your own tools as JSON).'
            'docs:Upload documentation (markdown, text, HTML) for search_docs, and search it.'
            'walkthroughs:Walkthroughs as code: push markdown files, assign them to servers, render what agents see.'
            'analytics:Usage, de-anonymization and walkthrough funnels: tables, CSV/JSON, and SVG charts.'
            'jobs:The organization'\''s background jobs (webhook deliveries, document ingestion, …).'
            'audit:The organization'\''s audit log.'
            'version:Print the version of mcpctl and the git commit it was built from.'
            'completion:Print the completion script for a shell.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        signup|login|logout|whoami|passwd|context|orgs|members|invitations|tokens|servers|oauth-configs|users|sessions|tickets|webhooks|docs|walkthroughs|analytics|jobs|audit|version|completion|help)
            "_mcpctl_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_signup() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--email[The account'\''s email.]:email:'
        '--password-stdin[Read the password from standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_login() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--email[The account'\''s email.]:email:'
        '--password-stdin[Read the password from standard input.]'
        '--token-stdin[Store a token read from standard input instead of logging in.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_logout() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_whoami() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_passwd() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--stdin[Read two lines of standard input\: the current (with --reset\: the emailed code) and the new password.]'
        '--reset[Reset a forgotten password with a code sent by email.]'
        '--email[The account'\''s email (with --reset).]:email:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_context() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List stored contexts.'
            'use:Make a stored context current.'
            'current:Print the current context'\''s name.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|use|current)
            "_mcpctl_context_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_context_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_context_use() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_context_current() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_orgs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Organizations you can use.'
            'create:Create an organization (you become its owner).'
            'show:Show an organization and your role in it.'
            'update:Rename an organization or change its settings (admins).'
            'use:Make an organization the current context'\''s default.'
            'delete:Delete an organization and everything in it (owners; asks first).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|create|show|update|use|delete)
            "_mcpctl_orgs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_orgs_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_orgs_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':slug:'
        '--name[Display name.]:name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_orgs_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':slug:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_orgs_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar ___ticket_confirmations=('on' 'off')
    local -ar ___tool_call_retention_days=('default' '0' '30' '90' '365')
    local -ar ___session_retention_days=('default' '0' '30' '90' '365')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':slug:'
        '--name[New display name.]:name:'
        '--mail-sender-name[Sender name of mail to end users ("" resets to the product name).]:mail-sender-name:'
        '--mail-reply-to[Reply-To address of mail to end users ("" for none).]:mail-reply-to:'
        '--ticket-confirmations[Send a confirmation when a ticket is opened with an email\: on or off.]:ticket-confirmations:{__mcpctl_complete "${___ticket_confirmations[@]}"}'
        '--tool-call-retention-days[Days raw tool calls are kept (0 keeps them, "default" follows the daemon).]:tool-call-retention-days:{__mcpctl_complete "${___tool_call_retention_days[@]}"}'
        '--session-retention-days[Days ended MCP sessions are kept (0 keeps them, "default" follows the daemon).]:session-retention-days:{__mcpctl_complete "${___session_retention_days[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_orgs_use() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':slug:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_orgs_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':slug:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_members() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Members and their roles.'
            'invite:Invite an email; emails them the single-use token when the daemon sends mail, and prints it.'
            'set-role:Change a member'\''s role (owners only).'
            'remove:Remove a member (or yourself: leave); their API tokens stop working.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|invite|set-role|remove)
            "_mcpctl_members_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_members_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_members_invite() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar ___role=('member' 'admin' 'owner')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':email:'
        '--role[owner, admin or member.]:role:{__mcpctl_complete "${___role[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_members_set-role() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar _role=('member' 'admin' 'owner')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':member:'
        ':role:{__mcpctl_complete "${_role[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_members_remove() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':member:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_invitations() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:The organization'\''s invitations.'
            'accept:Join an organization with an invitation token (logged in as the invited email).'
            'revoke:Revoke an open invitation.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|accept|revoke)
            "_mcpctl_invitations_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_invitations_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_invitations_accept() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':token:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_invitations_revoke() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tokens() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List API tokens (never their secrets).'
            'create:Create an API token; its secret is printed once.'
            'revoke:Revoke an API token by id or name.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|create|revoke)
            "_mcpctl_tokens_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_tokens_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tokens_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar ___role=('member' 'admin' 'owner')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--name[A name to tell the token apart.]:name:'
        '--role[owner, admin or member (default\: your own role; never above it).]:role:{__mcpctl_complete "${___role[@]}"}'
        '--expires[Lifetime such as 90d (default\: no expiry).]:expires:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tokens_revoke() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':token:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the organization'\''s servers.'
            'create:Create a server; prints its URLs and client snippets.'
            'show:Show a server with its end-user URLs and client configuration.'
            'update:Change a server'\''s name, product, auth mode, tools or instructions.'
            'delete:Delete a server (asks on a TTY; needs --yes otherwise).'
            'domains:Serve a server on your own domain (mcp.acme.com), proven by a DNS TXT record.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|create|show|update|delete|domains)
            "_mcpctl_servers_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_servers_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--limit[At most this many (default\: all).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar ___auth=('none' 'collect_email' 'platform_oauth' 'custom_oauth')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':slug:'
        '--name[Display name.]:name:'
        '--product[Product name used in tool descriptions (default\: the name).]:product:'
        '--auth[End-user authentication\: none, collect_email, platform_oauth or custom_oauth.]:auth:{__mcpctl_complete "${___auth[@]}"}'
        '--oauth-config[The OAuth config (name or id) custom_oauth signs in with; '\''none'\'' detaches it.]:oauth-config:'
        '--instructions[Instructions the server gives to agents.]:instructions:'
        '--support[The get_support tool.]'
        '--no-support[The get_support tool.]'
        '--walkthroughs[The walkthrough tools.]'
        '--no-walkthroughs[The walkthrough tools.]'
        '--docs-search[The search_docs tool.]'
        '--no-docs-search[The search_docs tool.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar ___auth=('none' 'collect_email' 'platform_oauth' 'custom_oauth')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        '--name[Display name.]:name:'
        '--product[Product name used in tool descriptions (default\: the name).]:product:'
        '--auth[End-user authentication\: none, collect_email, platform_oauth or custom_oauth.]:auth:{__mcpctl_complete "${___auth[@]}"}'
        '--oauth-config[The OAuth config (name or id) custom_oauth signs in with; '\''none'\'' detaches it.]:oauth-config:'
        '--instructions[Instructions the server gives to agents.]:instructions:'
        '--support[The get_support tool.]'
        '--no-support[The get_support tool.]'
        '--walkthroughs[The walkthrough tools.]'
        '--no-walkthroughs[The walkthrough tools.]'
        '--docs-search[The search_docs tool.]'
        '--no-docs-search[The search_docs tool.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_domains() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Claim a domain for a server; prints the TXT record and CNAME to create.'
            'verify:Check the domain'\''s TXT record now; once it matches, the domain serves the server.'
            'list:List a server'\''s domains: pending, verified or dropped, with the last check'\''s note.'
            'remove:Remove a domain from a server (asks on a TTY; needs --yes otherwise).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|verify|list|remove)
            "_mcpctl_servers_domains_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_servers_domains_add() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        ':domain:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_domains_verify() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        ':domain:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_domains_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_servers_domains_remove() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':server:'
        ':domain:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_oauth-configs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the organization'\''s OAuth configs.'
            'create:Add an identity provider; the daemon fetches its discovery document (or checks its endpoints) first.'
            'show:Show an OAuth config (never its secret).'
            'update:Change an OAuth config; changed endpoints or secrets are checked against the provider.'
            'delete:Delete an OAuth config (refused while a server uses it).'
            'test:Check the provider again: its discovery document, or that its endpoints answer; exits 1 when a check fails.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|create|show|update|delete|test)
            "_mcpctl_oauth-configs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_oauth-configs_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_oauth-configs_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':name:'
        '--discovery-url[OpenID Connect discovery URL (or the issuer; /.well-known/openid-configuration is added).]:discovery-url:'
        '--authorize-url[Authorization endpoint, when the provider has no discovery document.]:authorize-url:'
        '--token-url[Token endpoint, with --authorize-url.]:token-url:'
        '--userinfo-url[Userinfo endpoint (optional; without it the identity comes from the ID token).]:userinfo-url:'
        '--client-id[The OAuth client id the provider gave you.]:client-id:'
        '--client-secret[The client secret (visible in your shell history; prefer --client-secret-stdin).]:client-secret:'
        '--client-secret-stdin[Read the client secret from standard input.]'
        '--scopes[Scopes to ask for, space-separated (default "openid email profile").]:scopes:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_oauth-configs_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_oauth-configs_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':config:'
        '--name[A new name.]:name:'
        '--discovery-url[OpenID Connect discovery URL (or the issuer; /.well-known/openid-configuration is added).]:discovery-url:'
        '--authorize-url[Authorization endpoint, when the provider has no discovery document.]:authorize-url:'
        '--token-url[Token endpoint, with --authorize-url.]:token-url:'
        '--userinfo-url[Userinfo endpoint (optional; without it the identity comes from the ID token).]:userinfo-url:'
        '--client-id[The OAuth client id the provider gave you.]:client-id:'
        '--client-secret[The client secret (visible in your shell history; prefer --client-secret-stdin).]:client-secret:'
        '--client-secret-stdin[Read the client secret from standard input.]'
        '--scopes[Scopes to ask for, space-separated (default "openid email profile").]:scopes:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_oauth-configs_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_oauth-configs_test() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_users() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List end users, most recently first seen first.'
            'show:Show one end user with their recent sessions, tickets and walkthrough progress.'
            'export:Print everything held about one end user (identities, sessions, tool calls, tickets, grants).'
            'revoke-access:End an end user'\''s OAuth grants and tokens: their clients must sign in again.'
            'delete:Erase an end user'\''s personal data, keeping anonymous counts (asks on a TTY; needs --yes otherwise).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|export|revoke-access|delete)
            "_mcpctl_users_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_users_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--identified[Only end users with an email or a tracking id.]'
        '--limit[At most this many (default 50).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_users_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':user:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_users_export() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':user:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_users_revoke-access() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':user:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_users_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':user:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_sessions() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List sessions, newest first.'
            'show:Show a session and the timeline of its tool calls with arguments and outcomes.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show)
            "_mcpctl_sessions_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_sessions_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--user[Only this end user'\''s (id, email or tracking id).]:user:'
        '--server[Only this server'\''s (slug or id).]:server:'
        '--limit[At most this many (default 50).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_sessions_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':session:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List tickets, newest first.'
            'show:Show a ticket: description, end user, the session'\''s recent tool calls and the timeline.'
            'comment:Comment on a ticket (internal), or reply to the end user with --public.'
            'assign:Assign a ticket to a member (email), to yourself (@me), or to nobody (none).'
            'update:Change a ticket'\''s priority, status, title or description.'
            'close:Close a ticket (use update --status resolved to mark it resolved instead).'
            'reopen:Reopen a resolved or closed ticket.'
            'triage:Walk the open tickets oldest first: comment, assign, prioritize, close, or skip.'
            'watch:Follow new tickets and ticket events as they happen.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|comment|assign|update|close|reopen|triage|watch)
            "_mcpctl_tickets_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_tickets_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--status[open, in_progress, resolved or closed; several comma-separated.]:status:'
        '--assignee[A member'\''s email, @me or none.]:assignee:'
        '--priority[low, normal, high or urgent.]:priority:'
        '--server[Only tickets of this server (slug).]:server:'
        '--email[Only tickets from this end-user email.]:email:'
        '--since[Only tickets created since\: a duration (24h, 7d) or an RFC 3339 time.]:since:'
        '--sort[newest (default), oldest or updated (recently changed first).]:sort:'
        '--limit[At most this many (default 50).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':ticket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_comment() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':ticket:'
        '--body[The comment text.]:body:'
        '--body-file[Read the comment from this file (- for standard input).]:body-file:'
        '--public[A reply meant for the end user (kept apart from internal notes).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_assign() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':ticket:'
        ':assignee:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':ticket:'
        '--priority[low, normal, high or urgent.]:priority:'
        '--status[open, in_progress, resolved or closed.]:status:'
        '--title[A new title.]:title:'
        '--description[A new description.]:description:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_close() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':ticket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_reopen() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':ticket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_triage() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only tickets of this server (slug).]:server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_tickets_watch() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--cursor[Resume after this event (its seq); default\: from now on. 0 replays every event.]:cursor:'
        '--max-events[Exit after this many events.]:max-events:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_webhooks() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List webhooks.'
            'create:Create a webhook; prints its signing secret once.'
            'delete:Delete a webhook and its delivery history.'
            'test:Send a webhook.test event and wait (up to 20 s) for the first attempt'\''s outcome.'
            'deliveries:List deliveries (all, or one webhook'\''s), or show one delivery (whd_…) with its attempts.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|create|delete|test|deliveries)
            "_mcpctl_webhooks_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_webhooks_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_webhooks_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':target:'
        '--server[Only this server'\''s ticket events (its slug); default\: the whole organization'\''s.]:server:'
        '--events[Comma-separated\: ticket.created, ticket.updated, ticket.commented, ticket.email_failed, end_user.identified, walkthrough.completed.]:events:'
        '--secret[The signing secret (16 to 256 characters); default\: a new random one.]:secret:'
        '--format[json (the event envelope) or slack (a Slack message).]:format:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_webhooks_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_webhooks_test() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_webhooks_deliveries() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':id:'
        '--limit[At most this many (default 50).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_docs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'upload:Upload documentation files or folders; unchanged files are skipped.'
            'list:List documents with their indexing status.'
            'show:Show a document (by id or path).'
            'delete:Delete a document and its index.'
            'search:Search the documentation as search_docs does.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        upload|list|show|delete|search)
            "_mcpctl_docs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_docs_upload() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '*:paths:'
        '--server[The server the documents belong to (slug); default\: org-wide.]:server:'
        '--prefix[Put in front of every path (e.g. guides/).]:prefix:'
        '--prune[Delete documents under this server and prefix that are not among the files.]'
        '--wait[Wait until the uploaded documents are indexed.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_docs_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server'\''s documents (slug).]:server:'
        '--org-wide[Only org-wide documents.]'
        '--prefix[Only paths starting with this.]:prefix:'
        '--status[pending, indexed or failed.]:status:'
        '--limit[At most this many (default 200).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_docs_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':document:'
        '--server[The server whose document it is (slug), when a path is given.]:server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_docs_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':document:'
        '--server[The server whose document it is (slug), when a path is given.]:server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_docs_search() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':query:'
        '--server[Search as this server'\''s search_docs does\: its own and the org-wide documents.]:server:'
        '--limit[At most this many passages (1 to 50, default 10).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List walkthroughs with their status and servers.'
            'show:Show a walkthrough with its steps.'
            'push:Push walkthrough files: create, update, and with --prune delete, as one atomic change.'
            'diff:Show what a push would change, with a unified diff; exit 1 when anything differs.'
            'pull:Write every walkthrough as a file (push them back and nothing changes).'
            'render:Print a step exactly as an agent receives it (progress as if the steps before it were done).'
            'publish:Publish a walkthrough (end users'\'' agents can start it).'
            'unpublish:Set a walkthrough back to draft.'
            'archive:Archive a walkthrough (kept with its analytics, offered nowhere).'
            'delete:Delete a walkthrough with its progress history.'
            'assign:Offer a walkthrough on a server, at a display position, enabled or not.'
            'unassign:Stop offering a walkthrough on a server.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|push|diff|pull|render|publish|unpublish|archive|delete|assign|unassign)
            "_mcpctl_walkthroughs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_walkthroughs_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_show() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_push() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '*:paths:'
        '--dry-run[Print the plan only.]'
        '--prune[Delete walkthroughs of this source that are not among the files.]'
        '--source[Label of this set of files (e.g. the repository); pushes with other labels are never pruned.]:source:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_diff() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '*:paths:'
        '--prune[Include the deletions a --prune push would make.]'
        '--source[The --source label the files are pushed with.]:source:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_pull() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':directory:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_render() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--step[The step'\''s key (default\: the first step).]:step:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_publish() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_unpublish() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_archive() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_assign() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--server[The server'\''s slug.]:server:'
        '--position[Display position among the server'\''s walkthroughs (0 first).]:position:'
        '--disabled[Assigned but not offered.]'
        '--enabled[Offered again (after --disabled).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_walkthroughs_unassign() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        ':walkthrough:'
        '--server[The server'\''s slug.]:server:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'overview:Calls, sessions, users and how many are identified, tickets, walkthroughs.'
            'timeseries:Tool calls per tool and unique users per bucket (empty buckets included).'
            'tools:Per tool: calls, error rate, p50/p95 duration, unique users.'
            'users:The most active end users with who they are, sessions, calls, tickets, last seen.'
            'walkthroughs:Per walkthrough: starts, completions, rate; per step: reached, completed, drop-off, median time.'
            'funnel:One walkthrough'\''s funnel: connected → identified → started → each step → completed.'
            'flow:The paths end users take, as Sankey links (connected → identified → walkthrough/ticket/docs → completed/dropped).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        overview|timeseries|tools|users|walkthroughs|funnel|flow)
            "_mcpctl_analytics_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_analytics_overview() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics_timeseries() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        '--svg[Write a line chart to this SVG file.]:svg:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics_tools() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics_users() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        '--limit[How many (default 20, at most 500).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics_walkthroughs() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        '--svg[Write a bar chart of each step'\''s reached/completed to this SVG file.]:svg:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics_funnel() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        ':walkthrough:'
        '--svg[Write a bar chart to this SVG file.]:svg:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_analytics_flow() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--server[Only this server (slug).]:server:'
        '--since[Start\: a duration ago (7d, 24h) or an RFC 3339 time. Default\: 7 days before --until.]:since:'
        '--until[End\: a duration ago or an RFC 3339 time. Default\: now.]:until:'
        '--bucket[5m, 1h or 1d. Default\: chosen from the range.]:bucket:'
        '--tz[Time zone to show times in (e.g. Europe/Berlin). Default\: UTC.]:tz:'
        '--svg[Write a Sankey diagram to this SVG file.]:svg:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_jobs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List jobs, newest first.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list)
            "_mcpctl_jobs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_jobs_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--state[pending, running, done or dead.]:state:'
        '--limit[At most this many (default 50).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_audit() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Audit events, newest first.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list)
            "_mcpctl_audit_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mcpctl_audit_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'csv' 'name')
    local -ar arg_specs=(
        '--url[Admin API base URL. Env\: MCPCTL_URL. Default\: the context'\''s, else http\://127.0.0.1\:8081.]:url:'
        '--token[API token (CI); overrides the stored login. Env\: MCPCTL_TOKEN.]:token:'
        '--org[Organization slug for this command. Env\: MCPCTL_ORG.]:org:'
        '--context[Stored context to use. Env\: MCPCTL_CONTEXT.]:context:'
        '(--output -o)'{--output,-o}'[Output\: table, json, yaml, csv or name (default\: table on a TTY, tab-separated when piped).]:output:{__mcpctl_complete "${___output[@]}"}'
        '--no-color[No ANSI colour (also NO_COLOR, or when stdout is not a TTY).]'
        '(--quiet -q)'{--quiet,-q}'[Print only ids.]'
        '(--yes -y)'{--yes,-y}'[Skip confirmation prompts (required for destructive commands when not on a TTY).]'
        '--limit[At most this many (default 50).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_version() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_completion() {
    local -i ret=1
    local -ar _shell=('bash' 'zsh' 'fish')
    local -ar arg_specs=(
        ':shell:{__mcpctl_complete "${_shell[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mcpctl_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _mcpctl ]]; then
    _mcpctl "${@}"
else
    compdef _mcpctl mcpctl
fi
