#!/bin/bash

__mcpctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__mcpctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__mcpctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__mcpctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_mcpctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    signup|login|logout|whoami|passwd|context|orgs|members|invitations|tokens|servers|oauth-configs|users|sessions|tickets|webhooks|docs|walkthroughs|analytics|jobs|audit|version|completion|help)
        # Offer subcommand argument completions
        "_mcpctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'signup login logout whoami passwd context orgs members invitations tokens servers oauth-configs users sessions tickets webhooks docs walkthroughs analytics jobs audit version completion help' -- "${cur}"))
        ;;
    esac
}

_mcpctl_signup() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --password-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --email)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--email')
        return
        ;;
    esac
}

_mcpctl_login() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --password-stdin --token-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --email)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--email')
        return
        ;;
    esac
}

_mcpctl_logout() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_whoami() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_passwd() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --stdin --reset --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --email)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--email')
        return
        ;;
    esac
}

_mcpctl_context() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|use|current)
        # Offer subcommand argument completions
        "_mcpctl_context_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list use current' -- "${cur}"))
        ;;
    esac
}

_mcpctl_context_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_context_use() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_context_current() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_orgs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|create|show|update|use|delete)
        # Offer subcommand argument completions
        "_mcpctl_orgs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list create show update use delete' -- "${cur}"))
        ;;
    esac
}

_mcpctl_orgs_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_orgs_create() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --name)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--name')
        return
        ;;
    esac
}

_mcpctl_orgs_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_orgs_update() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --name --mail-sender-name --mail-reply-to --ticket-confirmations --tool-call-retention-days --session-retention-days)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--name')
        return
        ;;
    '--mail-sender-name')
        return
        ;;
    '--mail-reply-to')
        return
        ;;
    '--ticket-confirmations')
        __mcpctl_add_completions -W 'on'$'\n''off'
        return
        ;;
    '--tool-call-retention-days')
        __mcpctl_add_completions -W 'default'$'\n''0'$'\n''30'$'\n''90'$'\n''365'
        return
        ;;
    '--session-retention-days')
        __mcpctl_add_completions -W 'default'$'\n''0'$'\n''30'$'\n''90'$'\n''365'
        return
        ;;
    esac
}

_mcpctl_orgs_use() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_orgs_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_members() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|invite|set-role|remove)
        # Offer subcommand argument completions
        "_mcpctl_members_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list invite set-role remove' -- "${cur}"))
        ;;
    esac
}

_mcpctl_members_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_members_invite() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --role)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--role')
        __mcpctl_add_completions -W 'member'$'\n''admin'$'\n''owner'
        return
        ;;
    esac
}

_mcpctl_members_set-role() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __mcpctl_add_completions -W 'member'$'\n''admin'$'\n''owner'
        return
        ;;
    esac
}

_mcpctl_members_remove() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_invitations() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|accept|revoke)
        # Offer subcommand argument completions
        "_mcpctl_invitations_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list accept revoke' -- "${cur}"))
        ;;
    esac
}

_mcpctl_invitations_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_invitations_accept() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_invitations_revoke() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tokens() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|create|revoke)
        # Offer subcommand argument completions
        "_mcpctl_tokens_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list create revoke' -- "${cur}"))
        ;;
    esac
}

_mcpctl_tokens_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tokens_create() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --name --role --expires)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--name')
        return
        ;;
    '--role')
        __mcpctl_add_completions -W 'member'$'\n''admin'$'\n''owner'
        return
        ;;
    '--expires')
        return
        ;;
    esac
}

_mcpctl_tokens_revoke() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_servers() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|create|show|update|delete|domains)
        # Offer subcommand argument completions
        "_mcpctl_servers_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list create show update delete domains' -- "${cur}"))
        ;;
    esac
}

_mcpctl_servers_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_servers_create() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --support --no-support --walkthroughs --no-walkthroughs --docs-search --no-docs-search --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --name --product --auth --oauth-config --instructions)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--name')
        return
        ;;
    '--product')
        return
        ;;
    '--auth')
        __mcpctl_add_completions -W 'none'$'\n''collect_email'$'\n''platform_oauth'$'\n''custom_oauth'
        return
        ;;
    '--oauth-config')
        return
        ;;
    '--instructions')
        return
        ;;
    esac
}

_mcpctl_servers_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_servers_update() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --support --no-support --walkthroughs --no-walkthroughs --docs-search --no-docs-search --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --name --product --auth --oauth-config --instructions)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--name')
        return
        ;;
    '--product')
        return
        ;;
    '--auth')
        __mcpctl_add_completions -W 'none'$'\n''collect_email'$'\n''platform_oauth'$'\n''custom_oauth'
        return
        ;;
    '--oauth-config')
        return
        ;;
    '--instructions')
        return
        ;;
    esac
}

_mcpctl_servers_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_servers_domains() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|verify|list|remove)
        # Offer subcommand argument completions
        "_mcpctl_servers_domains_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add verify list remove' -- "${cur}"))
        ;;
    esac
}

_mcpctl_servers_domains_add() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_servers_domains_verify() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_servers_domains_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_servers_domains_remove() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_oauth-configs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|create|show|update|delete|test)
        # Offer subcommand argument completions
        "_mcpctl_oauth-configs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list create show update delete test' -- "${cur}"))
        ;;
    esac
}

_mcpctl_oauth-configs_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_oauth-configs_create() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --client-secret-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --discovery-url --authorize-url --token-url --userinfo-url --client-id --client-secret --scopes)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--discovery-url')
        return
        ;;
    '--authorize-url')
        return
        ;;
    '--token-url')
        return
        ;;
    '--userinfo-url')
        return
        ;;
    '--client-id')
        return
        ;;
    '--client-secret')
        return
        ;;
    '--scopes')
        return
        ;;
    esac
}

_mcpctl_oauth-configs_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_oauth-configs_update() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --client-secret-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --name --discovery-url --authorize-url --token-url --userinfo-url --client-id --client-secret --scopes)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--name')
        return
        ;;
    '--discovery-url')
        return
        ;;
    '--authorize-url')
        return
        ;;
    '--token-url')
        return
        ;;
    '--userinfo-url')
        return
        ;;
    '--client-id')
        return
        ;;
    '--client-secret')
        return
        ;;
    '--scopes')
        return
        ;;
    esac
}

_mcpctl_oauth-configs_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_oauth-configs_test() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_users() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|export|revoke-access|delete)
        # Offer subcommand argument completions
        "_mcpctl_users_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show export revoke-access delete' -- "${cur}"))
        ;;
    esac
}

_mcpctl_users_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --identified --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_users_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_users_export() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_users_revoke-access() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_users_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_sessions() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show)
        # Offer subcommand argument completions
        "_mcpctl_sessions_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show' -- "${cur}"))
        ;;
    esac
}

_mcpctl_sessions_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --user --server --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--user')
        return
        ;;
    '--server')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_sessions_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tickets() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|comment|assign|update|close|reopen|triage|watch)
        # Offer subcommand argument completions
        "_mcpctl_tickets_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show comment assign update close reopen triage watch' -- "${cur}"))
        ;;
    esac
}

_mcpctl_tickets_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --status --assignee --priority --server --email --since --sort --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--status')
        return
        ;;
    '--assignee')
        return
        ;;
    '--priority')
        return
        ;;
    '--server')
        return
        ;;
    '--email')
        return
        ;;
    '--since')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_tickets_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tickets_comment() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --public --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --body --body-file)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--body')
        return
        ;;
    '--body-file')
        return
        ;;
    esac
}

_mcpctl_tickets_assign() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tickets_update() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --priority --status --title --description)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--priority')
        return
        ;;
    '--status')
        return
        ;;
    '--title')
        return
        ;;
    '--description')
        return
        ;;
    esac
}

_mcpctl_tickets_close() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tickets_reopen() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_tickets_triage() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    esac
}

_mcpctl_tickets_watch() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --cursor --max-events)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--cursor')
        return
        ;;
    '--max-events')
        return
        ;;
    esac
}

_mcpctl_webhooks() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|create|delete|test|deliveries)
        # Offer subcommand argument completions
        "_mcpctl_webhooks_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list create delete test deliveries' -- "${cur}"))
        ;;
    esac
}

_mcpctl_webhooks_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_webhooks_create() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --events --secret --format)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--events')
        return
        ;;
    '--secret')
        return
        ;;
    '--format')
        return
        ;;
    esac
}

_mcpctl_webhooks_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_webhooks_test() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_webhooks_deliveries() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --limit)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_docs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    upload|list|show|delete|search)
        # Offer subcommand argument completions
        "_mcpctl_docs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'upload list show delete search' -- "${cur}"))
        ;;
    esac
}

_mcpctl_docs_upload() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --prune --wait --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --prefix)
    __mcpctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--prefix')
        return
        ;;
    esac
}

_mcpctl_docs_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --org-wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --prefix --status --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--prefix')
        return
        ;;
    '--status')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_docs_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    esac
}

_mcpctl_docs_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    esac
}

_mcpctl_docs_search() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --limit)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_walkthroughs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|push|diff|pull|render|publish|unpublish|archive|delete|assign|unassign)
        # Offer subcommand argument completions
        "_mcpctl_walkthroughs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show push diff pull render publish unpublish archive delete assign unassign' -- "${cur}"))
        ;;
    esac
}

_mcpctl_walkthroughs_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_show() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_push() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --dry-run --prune --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --source)
    __mcpctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--source')
        return
        ;;
    esac
}

_mcpctl_walkthroughs_diff() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --prune --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --source)
    __mcpctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--source')
        return
        ;;
    esac
}

_mcpctl_walkthroughs_pull() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_render() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --step)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--step')
        return
        ;;
    esac
}

_mcpctl_walkthroughs_publish() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_unpublish() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_archive() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    esac
}

_mcpctl_walkthroughs_assign() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --disabled --enabled --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --position)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--position')
        return
        ;;
    esac
}

_mcpctl_walkthroughs_unassign() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    esac
}

_mcpctl_analytics() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    overview|timeseries|tools|users|walkthroughs|funnel|flow)
        # Offer subcommand argument completions
        "_mcpctl_analytics_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'overview timeseries tools users walkthroughs funnel flow' -- "${cur}"))
        ;;
    esac
}

_mcpctl_analytics_overview() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    esac
}

_mcpctl_analytics_timeseries() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz --svg)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    '--svg')
        return
        ;;
    esac
}

_mcpctl_analytics_tools() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    esac
}

_mcpctl_analytics_users() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_analytics_walkthroughs() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz --svg)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    '--svg')
        return
        ;;
    esac
}

_mcpctl_analytics_funnel() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz --svg)
    __mcpctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    '--svg')
        return
        ;;
    esac
}

_mcpctl_analytics_flow() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --server --since --until --bucket --tz --svg)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--server')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--bucket')
        return
        ;;
    '--tz')
        return
        ;;
    '--svg')
        return
        ;;
    esac
}

_mcpctl_jobs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list)
        # Offer subcommand argument completions
        "_mcpctl_jobs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list' -- "${cur}"))
        ;;
    esac
}

_mcpctl_jobs_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --state --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--state')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_audit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list)
        # Offer subcommand argument completions
        "_mcpctl_audit_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list' -- "${cur}"))
        ;;
    esac
}

_mcpctl_audit_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet -q --yes -y --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --token --org --context --output -o --limit)
    __mcpctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--token')
        return
        ;;
    '--org')
        return
        ;;
    '--context')
        return
        ;;
    '--output'|'-o')
        __mcpctl_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''csv'$'\n''name'
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_mcpctl_version() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 0
}

_mcpctl_completion() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mcpctl_add_completions -W 'bash'$'\n''zsh'$'\n''fish'
        return
        ;;
    esac
}

_mcpctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __mcpctl_offer_flags_options -1
}

complete -o filenames -F _mcpctl mcpctl
