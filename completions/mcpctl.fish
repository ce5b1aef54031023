function __mcpctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __mcpctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __mcpctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __mcpctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __mcpctl_parse_tokens -S
    set -l unparsed_tokens (__mcpctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'mcpctl'
        __mcpctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'signup'
            __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'email=' 'password-stdin' 'version' 'h/help'
        case 'login'
            __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'email=' 'password-stdin' 'token-stdin' 'version' 'h/help'
        case 'whoami'
            __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
        case 'orgs'
            __mcpctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
            case 'create'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'name=' 'version' 'h/help'
            case 'use'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
            end
        case 'tokens'
            __mcpctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
            case 'create'
                __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'name=' 'role=' 'expires=' 'version' 'h/help'
            case 'revoke'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
            end
        case 'servers'
            __mcpctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __mcpctl_parse_subcommand 0 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'limit=' 'version' 'h/help'
            case 'create'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'name=' 'product=' 'auth=' 'instructions=' 'support' 'no-support' 'walkthroughs' 'no-walkthroughs' 'docs-search' 'no-docs-search' 'version' 'h/help'
            case 'show'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
            case 'update'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'name=' 'product=' 'auth=' 'instructions=' 'support' 'no-support' 'walkthroughs' 'no-walkthroughs' 'docs-search' 'no-docs-search' 'version' 'h/help'
            case 'delete'
                __mcpctl_parse_subcommand 1 'url=' 'token=' 'org=' 'context=' 'o/output=' 'no-color' 'q/quiet' 'y/yes' 'version' 'h/help'
            end
        case 'version'
            __mcpctl_parse_subcommand 0 'version' 'h/help'
        case 'completion'
            __mcpctl_parse_subcommand 1 'version' 'h/help'
        case 'help'
            __mcpctl_parse_subcommand -r 1 'version'
        end
    end
end

function __mcpctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __mcpctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __mcpctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __mcpctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__mcpctl_tokens -p)
    if test -z "$(__mcpctl_tokens -t)"
        set -l index (count (__mcpctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'mcpctl' -f
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'signup' -d 'Create an account and log in.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'login' -d 'Log in and store the login token in the current context.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'whoami' -d 'Show who the current credential speaks for.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'orgs' -d 'List, create and choose organizations.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'tokens' -d 'Create, list and revoke API tokens for CI.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'servers' -d 'Create and manage hosted MCP servers.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'version' -d 'Print the version of mcpctl.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'completion' -d 'Print the completion script for a shell.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" email' -l 'email' -d 'The account\'s email.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" password-stdin' -l 'password-stdin' -d 'Read the password from standard input.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl signup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" email' -l 'email' -d 'The account\'s email.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" password-stdin' -l 'password-stdin' -d 'Read the password from standard input.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" token-stdin' -l 'token-stdin' -d 'Store a token read from standard input instead of logging in.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl orgs" -eq 1' -fa 'list' -d 'Organizations you can use.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl orgs" -eq 1' -fa 'create' -d 'Create an organization (you become its owner).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl orgs" -eq 1' -fa 'use' -d 'Make an organization the current context\'s default.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" name' -l 'name' -d 'Display name.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl orgs use" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl tokens" -eq 1' -fa 'list' -d 'List API tokens (never their secrets).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl tokens" -eq 1' -fa 'create' -d 'Create an API token; its secret is printed once.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl tokens" -eq 1' -fa 'revoke' -d 'Revoke an API token by id or name.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" name' -l 'name' -d 'A name to tell the token apart.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" role' -l 'role' -d 'owner, admin or member (default: your own role; never above it).' -rfka 'member admin owner'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" expires' -l 'expires' -d 'Lifetime such as 90d (default: no expiry).' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl tokens revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl servers" -eq 1' -fa 'list' -d 'List the organization\'s servers.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl servers" -eq 1' -fa 'create' -d 'Create a server; prints its URLs and client snippets.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl servers" -eq 1' -fa 'show' -d 'Show a server with its end-user URLs and client configuration.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl servers" -eq 1' -fa 'update' -d 'Change a server\'s name, product, auth mode, tools or instructions.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl servers" -eq 1' -fa 'delete' -d 'Delete a server (asks on a TTY; needs --yes otherwise).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" limit' -l 'limit' -d 'At most this many (default: all).' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" name' -l 'name' -d 'Display name.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" product' -l 'product' -d 'Product name used in tool descriptions (default: the name).' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" auth' -l 'auth' -d 'End-user authentication: none, collect_email, platform_oauth or custom_oauth.' -rfka 'none collect_email platform_oauth custom_oauth'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" instructions' -l 'instructions' -d 'Instructions the server gives to agents.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" support' -l 'support' -d 'The get_support tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" no-support' -l 'no-support' -d 'The get_support tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" walkthroughs' -l 'walkthroughs' -d 'The walkthrough tools.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" no-walkthroughs' -l 'no-walkthroughs' -d 'The walkthrough tools.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" docs-search' -l 'docs-search' -d 'The search_docs tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" no-docs-search' -l 'no-docs-search' -d 'The search_docs tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" name' -l 'name' -d 'Display name.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" product' -l 'product' -d 'Product name used in tool descriptions (default: the name).' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" auth' -l 'auth' -d 'End-user authentication: none, collect_email, platform_oauth or custom_oauth.' -rfka 'none collect_email platform_oauth custom_oauth'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" instructions' -l 'instructions' -d 'Instructions the server gives to agents.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" support' -l 'support' -d 'The get_support tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" no-support' -l 'no-support' -d 'The get_support tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" walkthroughs' -l 'walkthroughs' -d 'The walkthrough tools.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" no-walkthroughs' -l 'no-walkthroughs' -d 'The walkthrough tools.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" docs-search' -l 'docs-search' -d 'The search_docs tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" no-docs-search' -l 'no-docs-search' -d 'The search_docs tool.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" url' -l 'url' -d 'Admin API base URL. Env: MCPCTL_URL. Default: the context\'s, else http://127.0.0.1:8081.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" token' -l 'token' -d 'API token (CI); overrides the stored login. Env: MCPCTL_TOKEN.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" org' -l 'org' -d 'Organization slug for this command. Env: MCPCTL_ORG.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" context' -l 'context' -d 'Stored context to use. Env: MCPCTL_CONTEXT.' -rfka ''
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" o output' -l 'output' -s 'o' -d 'Output: table, json, yaml, csv or name (default: table on a TTY, tab-separated when piped).' -rfka 'table json yaml csv name'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" no-color' -l 'no-color' -d 'No ANSI colour (also NO_COLOR, or when stdout is not a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" q quiet' -l 'quiet' -s 'q' -d 'Print only ids.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" y yes' -l 'yes' -s 'y' -d 'Skip confirmation prompts (required for destructive commands when not on a TTY).'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl servers delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl version" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_positional "mcpctl completion" -eq 1' -fka 'bash zsh fish'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl completion" version' -l 'version' -d 'Show the version.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl completion" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mcpctl' -n '__mcpctl_should_offer_completions_for_flags_or_options "mcpctl help" version' -l 'version' -d 'Show the version.'
