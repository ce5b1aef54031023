import Foundation
import Shared

/// The OpenAPI 3.1 document of the admin API, built from one table of operations and schemas.
/// It is served at `/v1/openapi.json` and checked in as `openapi.json` (written by
/// `scripts/generate-docs`); a test fails when a route is missing or the copies differ.
enum OpenAPIDocument {
    /// One documented operation.
    struct Operation: Sendable {
        let method: String
        let path: String
        let id: String
        let summary: String
        var request: String? = nil
        var status = 200
        var response: String? = nil
        var open = false
    }

    static let operations: [Operation] = [
        Operation(method: "get", path: "/v1/openapi.json", id: "getOpenAPI", summary: "This document", response: "OpenAPI", open: true),
        Operation(method: "post", path: "/v1/account/signup", id: "signup", summary: "Create an account and log in",
                  request: "Credentials", status: 201, response: "LoginResult", open: true),
        Operation(method: "post", path: "/v1/account/login", id: "login", summary: "Log in: a login token for every organization of the account",
                  request: "Credentials", response: "LoginResult", open: true),
        Operation(method: "post", path: "/v1/account/logout", id: "logout", summary: "Revoke the calling login token", status: 204),
        Operation(method: "get", path: "/v1/account", id: "whoami", summary: "Who the token speaks for", response: "WhoAmI"),
        Operation(method: "post", path: "/v1/account/password", id: "changePassword", summary: "Change the account's password",
                  request: "PasswordChange", status: 204),
        Operation(method: "get", path: "/v1/orgs", id: "listOrganizations", summary: "Organizations the caller can use", response: "OrganizationPage"),
        Operation(method: "post", path: "/v1/orgs", id: "createOrganization", summary: "Create an organization (login tokens only)",
                  request: "CreateOrganization", status: 201, response: "Organization"),
        Operation(method: "get", path: "/v1/orgs/{org}", id: "getOrganization", summary: "One organization", response: "Organization"),
        Operation(method: "patch", path: "/v1/orgs/{org}", id: "updateOrganization", summary: "Rename an organization (admin)",
                  request: "UpdateOrganization", response: "Organization"),
        Operation(method: "delete", path: "/v1/orgs/{org}", id: "deleteOrganization", summary: "Delete an organization and everything in it (owner)", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/tokens", id: "listTokens", summary: "API tokens (never their secrets)", response: "TokenPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/tokens", id: "createToken", summary: "Create an API token (owner); the secret is shown once",
                  request: "CreateToken", status: 201, response: "CreatedToken"),
        Operation(method: "delete", path: "/v1/orgs/{org}/tokens/{token}", id: "revokeToken", summary: "Revoke an API token by id or name (owner)", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/servers", id: "listServers", summary: "Hosted MCP servers", response: "ServerPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/servers", id: "createServer", summary: "Create a server (admin)",
                  request: "ServerFields", status: 201, response: "Server"),
        Operation(method: "get", path: "/v1/orgs/{org}/servers/{server}", id: "getServer", summary: "One server with its URLs and client snippets",
                  response: "Server"),
        Operation(method: "patch", path: "/v1/orgs/{org}/servers/{server}", id: "updateServer", summary: "Change a server (admin)",
                  request: "ServerFields", response: "Server"),
        Operation(method: "delete", path: "/v1/orgs/{org}/servers/{server}", id: "deleteServer", summary: "Delete a server (admin)", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/oauth-configs", id: "listOAuthConfigs",
                  summary: "The organization's own identity providers (custom_oauth); never their secrets", response: "OAuthConfigPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/oauth-configs", id: "createOAuthConfig",
                  summary: "Add an identity provider (admin): discovery_url, or authorize_url and token_url; checked against the provider first",
                  request: "OAuthConfigFields", status: 201, response: "OAuthConfig"),
        Operation(method: "get", path: "/v1/orgs/{org}/oauth-configs/{config}", id: "getOAuthConfig", summary: "One OAuth config (id or name)",
                  response: "OAuthConfig"),
        Operation(method: "patch", path: "/v1/orgs/{org}/oauth-configs/{config}", id: "updateOAuthConfig",
                  summary: "Change an OAuth config (admin); changed endpoints or secrets are checked again", request: "OAuthConfigFields", response: "OAuthConfig"),
        Operation(method: "delete", path: "/v1/orgs/{org}/oauth-configs/{config}", id: "deleteOAuthConfig",
                  summary: "Delete an OAuth config (admin); 409 while a server uses it", status: 204),
        Operation(method: "post", path: "/v1/orgs/{org}/oauth-configs/{config}/test", id: "testOAuthConfig",
                  summary: "Check the provider again (admin): its discovery document, or that its endpoints answer", response: "OAuthConfigTest"),
        Operation(method: "get", path: "/v1/orgs/{org}/audit", id: "listAuditEvents", summary: "Audit events, newest first", response: "AuditPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/members", id: "listMembers", summary: "Members and their roles", response: "MemberPage"),
        Operation(method: "patch", path: "/v1/orgs/{org}/members/{member}", id: "setMemberRole", summary: "Change a member's role (owner)",
                  request: "UpdateMember", response: "Member"),
        Operation(method: "delete", path: "/v1/orgs/{org}/members/{member}", id: "removeMember",
                  summary: "Remove a member (owner), or leave (yourself); never the last owner", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/invitations", id: "listInvitations", summary: "Invitations", response: "InvitationPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/invitations", id: "createInvitation",
                  summary: "Invite an email with a role (owner); the single-use token is shown once",
                  request: "CreateInvitation", status: 201, response: "CreatedInvitation"),
        Operation(method: "delete", path: "/v1/orgs/{org}/invitations/{invitation}", id: "revokeInvitation", summary: "Revoke an open invitation (owner)", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/jobs", id: "listJobs", summary: "The organization's background jobs (query: state)",
                  response: "JobPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/users", id: "listEndUsers",
                  summary: "End users of the organization's servers, newest first (query: identified=true)", response: "EndUserPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/users/{user}", id: "getEndUser",
                  summary: "One end user (id, email or tracking id) with recent sessions and tickets", response: "EndUser"),
        Operation(method: "post", path: "/v1/orgs/{org}/users/{user}/revoke-access", id: "revokeEndUserAccess",
                  summary: "End an end user's OAuth grants and the tokens under them (admin)", response: "RevokeAccessResult"),
        Operation(method: "get", path: "/v1/orgs/{org}/sessions", id: "listSessions",
                  summary: "MCP sessions, newest first (query: user, server)", response: "SessionPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/sessions/{session}", id: "getSession",
                  summary: "One session with the timeline of its tool calls", response: "Session"),
        Operation(method: "get", path: "/v1/orgs/{org}/tickets", id: "listTickets",
                  summary: "Support tickets (query: status (comma-separated), priority, server, assignee (email, @me, none), email, since, sort (newest, oldest, updated))",
                  response: "TicketPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/tickets/{ticket}", id: "getTicket",
                  summary: "One ticket (number, #number or id) with its end user, the session's recent tool calls and its history", response: "Ticket"),
        Operation(method: "patch", path: "/v1/orgs/{org}/tickets/{ticket}", id: "updateTicket",
                  summary: "Change status, priority, title, description or assignee; each change is an event", request: "TicketUpdate", response: "Ticket"),
        Operation(method: "post", path: "/v1/orgs/{org}/tickets/{ticket}/comments", id: "commentTicket",
                  summary: "Comment on a ticket: internal (default) or public (a reply meant for the end user)", request: "TicketComment",
                  status: 201, response: "TicketEvent"),
        Operation(method: "get", path: "/v1/orgs/{org}/ticket-events", id: "listTicketEvents",
                  summary: "Ticket events after a cursor, oldest first; long-polls (query: after, wait (seconds, at most 60), limit)",
                  response: "TicketEventBatch"),
        Operation(method: "get", path: "/v1/orgs/{org}/webhooks", id: "listWebhooks", summary: "Webhooks (never their secrets)", response: "WebhookPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/webhooks", id: "createWebhook",
                  summary: "Create a webhook (admin); the signing secret is shown once", request: "WebhookCreate", status: 201, response: "Webhook"),
        Operation(method: "get", path: "/v1/orgs/{org}/webhooks/{webhook}", id: "getWebhook", summary: "One webhook", response: "Webhook"),
        Operation(method: "delete", path: "/v1/orgs/{org}/webhooks/{webhook}", id: "deleteWebhook", summary: "Delete a webhook (admin)", status: 204),
        Operation(method: "post", path: "/v1/orgs/{org}/webhooks/{webhook}/test", id: "testWebhook",
                  summary: "Send a webhook.test event to this webhook (admin)", status: 202, response: "WebhookDelivery"),
        Operation(method: "get", path: "/v1/orgs/{org}/webhooks/{webhook}/deliveries", id: "listWebhookDeliveries",
                  summary: "One webhook's deliveries, newest first", response: "WebhookDeliveryPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/webhook-deliveries", id: "listAllWebhookDeliveries",
                  summary: "Every webhook delivery of the organization, newest first", response: "WebhookDeliveryPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/webhook-deliveries/{delivery}", id: "getWebhookDelivery",
                  summary: "One delivery with each attempt", response: "WebhookDelivery"),
        Operation(method: "get", path: "/v1/orgs/{org}/docs", id: "listDocuments",
                  summary: "Knowledge-base documents (query: server (slug), org_wide=true, prefix, path, status)", response: "DocumentPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/docs/upload", id: "uploadDocuments",
                  summary: "Upload documents of one server (or org-wide): unchanged ones are skipped, the rest queued for indexing (admin)",
                  request: "DocumentUpload", response: "DocumentUploadResult"),
        Operation(method: "post", path: "/v1/orgs/{org}/docs/prune", id: "pruneDocuments",
                  summary: "Delete the documents of one server (or org-wide) under a prefix that are not in keep (admin)",
                  request: "DocumentPrune", response: "DocumentPruneResult"),
        Operation(method: "get", path: "/v1/orgs/{org}/docs/search", id: "searchDocuments",
                  summary: "Full-text search (query: q, server (slug), limit)", response: "SearchResultPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/docs/{doc}", id: "getDocument", summary: "One document", response: "Document"),
        Operation(method: "delete", path: "/v1/orgs/{org}/docs/{doc}", id: "deleteDocument", summary: "Delete a document and its index (admin)", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/walkthroughs", id: "listWalkthroughs", summary: "Walkthroughs with assignments",
                  response: "WalkthroughPage"),
        Operation(method: "post", path: "/v1/orgs/{org}/walkthroughs/push", id: "pushWalkthroughs",
                  summary: "Plan and (unless dry_run) apply a push of walkthrough files atomically (admin)", request: "WalkthroughPush",
                  response: "WalkthroughPlan"),
        Operation(method: "get", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}", id: "getWalkthrough", summary: "One walkthrough with its steps",
                  response: "Walkthrough"),
        Operation(method: "delete", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}", id: "deleteWalkthrough",
                  summary: "Delete a walkthrough and its progress history (admin)", status: 204),
        Operation(method: "get", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}/render", id: "renderWalkthrough",
                  summary: "A step as agents receive it, progress as if the steps before were done (query: step)", response: "WalkthroughRender"),
        Operation(method: "post", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}/publish", id: "publishWalkthrough", summary: "Publish (admin)",
                  response: "Walkthrough"),
        Operation(method: "post", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}/unpublish", id: "unpublishWalkthrough",
                  summary: "Back to draft (admin)", response: "Walkthrough"),
        Operation(method: "post", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}/archive", id: "archiveWalkthrough", summary: "Archive (admin)",
                  response: "Walkthrough"),
        Operation(method: "post", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}/assign", id: "assignWalkthrough",
                  summary: "Offer on a server at a position, enabled or not (admin)", request: "WalkthroughAssign", response: "Walkthrough"),
        Operation(method: "post", path: "/v1/orgs/{org}/walkthroughs/{walkthrough}/unassign", id: "unassignWalkthrough",
                  summary: "Stop offering on a server (admin)", request: "WalkthroughAssign", response: "Walkthrough"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/overview", id: "analyticsOverview",
                  summary: "Calls, sessions, users, identified share, new/returning, tickets, walkthroughs (query: server, since, until, bucket)", response: "AnalyticsOverview"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/timeseries", id: "analyticsTimeseries",
                  summary: "Calls per tool and unique users per bucket, empty buckets included (query: server, since, until, bucket)", response: "AnalyticsTimeseries"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/tools", id: "analyticsTools",
                  summary: "Per tool: calls, error rate, p50/p95 duration, unique users (query: server, since, until, bucket)", response: "AnalyticsToolPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/users", id: "analyticsUsers",
                  summary: "Most active end users (query: server, since, until, limit)", response: "AnalyticsUserPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/walkthroughs", id: "analyticsWalkthroughs",
                  summary: "Starts, completions and per-step drop-off of runs started in the range (query: server, since, until, bucket)", response: "AnalyticsWalkthroughPage"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/funnel/{walkthrough}", id: "analyticsFunnel",
                  summary: "Distinct end users: connected, identified, started, each step, completed (query: server, since, until, bucket)", response: "AnalyticsFunnel"),
        Operation(method: "get", path: "/v1/orgs/{org}/analytics/flow", id: "analyticsFlow",
                  summary: "The paths end users take, as Sankey nodes and links (query: server, since, until, bucket)", response: "AnalyticsFlow"),
        Operation(method: "post", path: "/v1/invitations/accept", id: "acceptInvitation", summary: "Accept an invitation (login token of the invited email)",
                  request: "AcceptInvitation", response: "Organization"),
    ]

    static func schemas() -> [String: Any] {
        let string: [String: Any] = ["type": "string"]
        let bool: [String: Any] = ["type": "boolean"]
        let integer: [String: Any] = ["type": "integer"]
        let time: [String: Any] = ["type": "string", "format": "date-time"]
        let role: [String: Any] = ["type": "string", "enum": ["owner", "admin", "member"]]
        let authMode: [String: Any] = ["type": "string", "enum": ["none", "collect_email", "platform_oauth", "custom_oauth"]]
        func optional(_ schema: [String: Any]) -> [String: Any] {
            var copy = schema
            copy["type"] = [schema["type"] ?? "string", "null"]
            return copy
        }
        func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
        func object(_ properties: [String: [String: Any]], required: [String]) -> [String: Any] {
            ["type": "object", "properties": properties, "required": required]
        }
        func page(_ item: String) -> [String: Any] {
            object(["items": ["type": "array", "items": ref(item)], "next_cursor": optional(string)], required: ["items"])
        }
        let serverFields: [String: [String: Any]] = [
            "slug": string, "name": string, "product_name": string, "auth_mode": authMode, "oauth_config_id": optional(string),
            "support_enabled": bool, "walkthroughs_enabled": bool, "docs_search_enabled": bool, "instructions": string,
        ]
        return [
            "OpenAPI": ["type": "object"],
            "Error": object(["error": object(["code": string, "message": string,
                                              "details": ["type": "object", "additionalProperties": string]], required: ["code", "message"])],
                            required: ["error"]),
            "Account": object(["id": string, "email": string, "created_at": time], required: ["id", "email", "created_at"]),
            "Credentials": object(["email": string, "password": string], required: ["email", "password"]),
            "LoginResult": object(["token": string, "expires_at": time, "account": ref("Account")], required: ["token", "expires_at", "account"]),
            "WhoAmI": object(["token_kind": ["type": "string", "enum": ["login", "api"]], "account": ref("Account"),
                              "organization": optional(string), "role": optional(role)], required: ["token_kind"]),
            "PasswordChange": object(["current_password": string, "new_password": string], required: ["current_password", "new_password"]),
            "Organization": object(["id": string, "slug": string, "name": string, "role": optional(role), "created_at": time],
                                   required: ["id", "slug", "name", "created_at"]),
            "CreateOrganization": object(["slug": string, "name": string], required: ["slug", "name"]),
            "UpdateOrganization": object(["name": string], required: []),
            "Token": object(["id": string, "name": string, "prefix": string, "role": role, "created_at": time,
                             "last_used_at": optional(time), "expires_at": optional(time), "revoked_at": optional(time)],
                            required: ["id", "name", "prefix", "role", "created_at"]),
            "CreateToken": object(["name": string, "role": role, "expires_in_days": ["type": "integer", "minimum": 1, "maximum": 3650]],
                                  required: ["name"]),
            "CreatedToken": object(["token": ref("Token"), "secret": string], required: ["token", "secret"]),
            "ServerFields": object(serverFields, required: []),
            "ConnectInfo": object(["url": string, "path_url": string, "tracking_url_template": string, "cursor_deeplink": string,
                                   "claude_command": string, "vscode_mcp_json": string, "tracking_claude_command": string,
                                   "tracking_vscode_mcp_json": string, "tracking_cursor_deeplink": string,
                                   "oauth_callback_url": optional(string), "oauth_callback_path_url": optional(string)],
                                  required: ["url", "path_url", "tracking_url_template", "cursor_deeplink", "claude_command", "vscode_mcp_json"]),
            "Server": object(serverFields.merging(["id": string, "created_at": time, "updated_at": time, "connect": ref("ConnectInfo")]) { $1 },
                             required: ["id", "slug", "name", "product_name", "auth_mode", "support_enabled", "walkthroughs_enabled",
                                        "docs_search_enabled", "instructions", "created_at", "updated_at"]),
            "AuditEvent": object(["id": string, "action": string, "target_type": string, "target_id": optional(string),
                                  "actor_account_id": optional(string), "actor_token_id": optional(string),
                                  "details": ["type": "object", "additionalProperties": string], "created_at": time],
                                 required: ["id", "action", "target_type", "details", "created_at"]),
            "Member": object(["account_id": string, "email": string, "role": role, "joined_at": time], required: ["account_id", "email", "role", "joined_at"]),
            "UpdateMember": object(["role": role], required: ["role"]),
            "Invitation": object(["id": string, "email": string, "role": role, "created_at": time, "expires_at": time,
                                  "accepted_at": optional(time), "revoked_at": optional(time)], required: ["id", "email", "role", "created_at", "expires_at"]),
            "CreateInvitation": object(["email": string, "role": role], required: ["email", "role"]),
            "CreatedInvitation": object(["invitation": ref("Invitation"), "token": string], required: ["invitation", "token"]),
            "AcceptInvitation": object(["token": string], required: ["token"]),
            "MemberPage": page("Member"), "InvitationPage": page("Invitation"), "JobPage": page("Job"),
            "Job": object(["id": string, "kind": string, "state": ["type": "string", "enum": ["pending", "running", "done", "dead"]],
                           "attempts": ["type": "integer"], "max_attempts": ["type": "integer"], "run_at": time,
                           "last_error": optional(string), "created_at": time, "finished_at": optional(time)],
                          required: ["id", "kind", "state", "attempts", "max_attempts", "run_at", "created_at"]),
            "OAuthConfig": object(["id": string, "name": string, "discovery_url": optional(string), "issuer": optional(string), "authorize_url": string,
                                   "token_url": string, "userinfo_url": optional(string), "client_id": string, "has_client_secret": bool, "scopes": string,
                                   "token_auth_method": ["type": "string", "enum": ["client_secret_basic", "client_secret_post", "none"]],
                                   "servers": ["type": "array", "items": string], "checked_at": optional(time), "created_at": time, "updated_at": time],
                                  required: ["id", "name", "authorize_url", "token_url", "client_id", "has_client_secret", "scopes", "token_auth_method",
                                             "servers", "created_at", "updated_at"]),
            "OAuthConfigFields": object(["name": string, "discovery_url": string, "authorize_url": string, "token_url": string, "userinfo_url": string,
                                         "client_id": string, "client_secret": string, "scopes": string], required: []),
            "OAuthConfigTest": object(["ok": bool, "checks": ["type": "array", "items": object(["name": string, "ok": bool, "detail": string],
                                                                                            required: ["name", "ok", "detail"])],
                                       "config": ref("OAuthConfig")], required: ["ok", "checks", "config"]),
            "RevokeAccessResult": object(["grants": integer, "tokens": integer], required: ["grants", "tokens"]),
            "OAuthConfigPage": page("OAuthConfig"),
            "EndUser": object(["id": string, "email": optional(string), "email_verified": bool, "tracking_ids": ["type": "array", "items": string],
                               "name": optional(string), "upstream_subject": optional(string), "upstream_issuer": optional(string), "active_grants": integer,
                               "first_seen_at": time, "last_seen_at": time, "session_count": integer, "ticket_count": integer,
                               "tool_call_count": integer, "sessions": ["type": "array", "items": ref("Session")],
                               "tickets": ["type": "array", "items": ref("Ticket")],
                               "walkthroughs": ["type": "array", "items": object(
                                   ["walkthrough_slug": string, "title": string, "run": integer, "completed_steps": integer, "total_steps": integer,
                                    "current_step_key": optional(string), "completed_at": optional(time), "updated_at": time],
                                   required: ["walkthrough_slug", "title", "run", "completed_steps", "total_steps", "updated_at"])]],
                              required: ["id", "email_verified", "tracking_ids", "first_seen_at", "last_seen_at", "session_count", "ticket_count",
                                         "tool_call_count", "active_grants"]),
            "Session": object(["id": string, "server_id": string, "end_user_id": string, "era": ["type": "string", "enum": ["legacy", "modern"]],
                               "protocol_version": string, "client_name": optional(string), "client_version": optional(string),
                               "started_at": time, "last_seen_at": time, "ended_at": optional(time), "tool_call_count": integer,
                               "tool_calls": ["type": "array", "items": ref("ToolCall")]],
                              required: ["id", "server_id", "end_user_id", "era", "protocol_version", "started_at", "last_seen_at", "tool_call_count"]),
            "ToolCall": object(["id": string, "tool": string, "arguments": ["type": "object"], "outcome": ["type": "string", "enum": ["ok", "error"]],
                                "result_summary": optional(string), "error": optional(string), "duration_ms": ["type": "number"], "created_at": time],
                               required: ["id", "tool", "arguments", "outcome", "duration_ms", "created_at"]),
            "Ticket": object(["id": string, "number": integer, "title": string, "description": string, "context": optional(string),
                              "email": optional(string), "status": ["type": "string", "enum": ["open", "in_progress", "resolved", "closed"]],
                              "priority": ["type": "string", "enum": ["low", "normal", "high", "urgent"]],
                              "assignee_account_id": optional(string), "assignee_email": optional(string), "server_id": optional(string),
                              "server_slug": optional(string), "end_user_id": optional(string),
                              "session_id": optional(string), "created_at": time, "updated_at": time, "resolved_at": optional(time),
                              "events": ["type": "array", "items": ref("TicketEvent")], "end_user": ref("EndUser"),
                              "recent_tool_calls": ["type": "array", "items": ref("ToolCall")]],
                             required: ["id", "number", "title", "description", "status", "priority", "created_at", "updated_at"]),
            "TicketEvent": object(["id": string, "seq": integer, "ticket_id": string, "ticket_number": integer, "kind": string,
                                   "actor_account_id": optional(string), "actor_email": optional(string), "actor_token_id": optional(string),
                                   "actor_end_user_id": optional(string), "visibility": optional(string), "old_value": optional(string),
                                   "new_value": optional(string), "body": optional(string), "created_at": time],
                                  required: ["id", "seq", "ticket_id", "ticket_number", "kind", "created_at"]),
            "TicketEventBatch": object(["items": ["type": "array", "items": ref("TicketEvent")], "cursor": integer], required: ["items", "cursor"]),
            "TicketUpdate": object(["status": ["type": "string", "enum": TicketVocabulary.statuses],
                                    "priority": ["type": "string", "enum": TicketVocabulary.priorities], "title": string, "description": string,
                                    "assignee": string], required: []),
            "TicketComment": object(["body": string, "visibility": ["type": "string", "enum": TicketVocabulary.visibilities]], required: ["body"]),
            "Webhook": object(["id": string, "url": string, "events": ["type": "array", "items": ["type": "string", "enum": WebhookEventType.all]],
                               "format": ["type": "string", "enum": ["json", "slack"]], "created_at": time, "secret": optional(string)],
                              required: ["id", "url", "events", "format", "created_at"]),
            "WebhookCreate": object(["url": string, "events": ["type": "array", "items": ["type": "string", "enum": WebhookEventType.all]],
                                     "format": ["type": "string", "enum": ["json", "slack"]], "secret": string], required: ["url", "events"]),
            "WebhookAttempt": object(["attempt": integer, "status": optional(integer), "error": optional(string), "duration_ms": optional(integer),
                                      "created_at": time], required: ["attempt", "created_at"]),
            "WebhookDelivery": object(["id": string, "webhook_id": string, "event_id": string, "event_type": string,
                                       "state": ["type": "string", "enum": ["pending", "delivered", "failed"]], "attempts": integer,
                                       "last_status": optional(integer), "last_error": optional(string), "created_at": time,
                                       "delivered_at": optional(time), "attempt_log": ["type": "array", "items": ref("WebhookAttempt")]],
                                      required: ["id", "webhook_id", "event_id", "event_type", "state", "attempts", "created_at"]),
            "Document": object(["id": string, "path": string, "title": string, "url": optional(string), "server_slug": optional(string),
                                "content_hash": string, "size": integer, "status": ["type": "string", "enum": ["pending", "indexed", "failed"]],
                                "error": optional(string), "chunk_count": integer, "created_at": time, "updated_at": time, "indexed_at": optional(time)],
                               required: ["id", "path", "title", "content_hash", "size", "status", "chunk_count", "created_at", "updated_at"]),
            "DocumentFile": object(["path": string, "content_hash": string, "size": integer, "content_base64": optional(string)],
                                   required: ["path", "content_hash", "size"]),
            "DocumentUpload": object(["server": optional(string), "documents": ["type": "array", "items": ref("DocumentFile")]], required: ["documents"]),
            "DocumentUploadResult": object(["created": ["type": "array", "items": string], "updated": ["type": "array", "items": string],
                                            "unchanged": ["type": "array", "items": string],
                                            "failed": ["type": "array", "items": object(["path": string, "error": string], required: ["path", "error"])]],
                                           required: ["created", "updated", "unchanged", "failed"]),
            "DocumentPrune": object(["server": optional(string), "prefix": string, "keep": ["type": "array", "items": string]], required: ["prefix", "keep"]),
            "DocumentPruneResult": object(["deleted": ["type": "array", "items": string]], required: ["deleted"]),
            "SearchResult": object(["document_id": string, "title": string, "path": string, "url": optional(string), "heading": string, "excerpt": string,
                                    "score": ["type": "number"], "server_slug": optional(string)],
                                   required: ["document_id", "title", "path", "heading", "excerpt", "score"]),
            "WalkthroughStep": object(["key": string, "title": string, "introduction": string, "context": string, "content": string,
                                       "operations": string], required: ["key", "title", "introduction", "context", "content", "operations"]),
            "WalkthroughAssignment": object(["server_slug": string, "position": integer, "enabled": bool], required: ["server_slug", "position", "enabled"]),
            "Walkthrough": object(["id": string, "slug": string, "title": string, "description": string,
                                   "type": ["type": "string", "enum": WalkthroughFile.types], "status": ["type": "string", "enum": WalkthroughFile.statuses],
                                   "estimated_minutes": optional(integer), "tags": ["type": "array", "items": string], "source": string,
                                   "content_hash": string, "owned_by_file": ["type": "array", "items": string], "step_count": integer,
                                   "assignments": ["type": "array", "items": ref("WalkthroughAssignment")], "created_at": time, "updated_at": time,
                                   "steps": ["type": "array", "items": ref("WalkthroughStep")]],
                                  required: ["id", "slug", "title", "description", "type", "status", "tags", "source", "content_hash", "owned_by_file",
                                             "step_count", "assignments", "created_at", "updated_at"]),
            "WalkthroughPush": object(["source": string, "prune": bool, "dry_run": bool,
                                       "files": ["type": "array", "items": object(["path": string, "text": string], required: ["path", "text"])]],
                                      required: ["source", "prune", "dry_run", "files"]),
            "WalkthroughPlan": object(["applied": bool, "items": ["type": "array", "items": object(
                ["slug": string, "path": optional(string), "action": ["type": "string", "enum": ["create", "update", "unchanged", "delete"]],
                 "changes": ["type": "array", "items": string]], required: ["slug", "action", "changes"])]], required: ["applied", "items"]),
            "WalkthroughAssign": object(["server": string, "position": optional(integer), "enabled": ["type": ["boolean", "null"]]], required: ["server"]),
            "WalkthroughRender": object(["text": string], required: ["text"]),
            "WalkthroughPage": page("Walkthrough"),
            "AnalyticsRange": object(["since": time, "until": time, "bucket": ["type": "string", "enum": ["5m", "1h", "1d"]], "server": optional(string)],
                                     required: ["since", "until", "bucket"]),
            "AnalyticsOverview": object(["range": ref("AnalyticsRange"), "tool_calls": integer, "sessions": integer, "unique_users": integer,
                                         "identified_users": integer, "identified_share": ["type": "number"], "new_users": integer, "returning_users": integer,
                                         "tickets_opened": integer, "tickets_resolved": integer, "median_seconds_to_resolve": optional(integer),
                                         "walkthroughs_started": integer, "walkthroughs_completed": integer],
                                        required: ["range", "tool_calls", "sessions", "unique_users", "identified_users", "identified_share", "new_users",
                                                   "returning_users", "tickets_opened", "tickets_resolved", "walkthroughs_started", "walkthroughs_completed"]),
            "AnalyticsTimeseries": object(["range": ref("AnalyticsRange"), "tools": ["type": "array", "items": string],
                                           "points": ["type": "array", "items": object(["start": time, "calls": ["type": "object", "additionalProperties": integer],
                                                                                        "unique_users": integer], required: ["start", "calls", "unique_users"])]],
                                          required: ["range", "tools", "points"]),
            "AnalyticsTool": object(["tool": string, "calls": integer, "errors": integer, "error_rate": ["type": "number"], "p50_ms": ["type": "number"],
                                     "p95_ms": ["type": "number"], "unique_users": integer],
                                    required: ["tool", "calls", "errors", "error_rate", "p50_ms", "p95_ms", "unique_users"]),
            "AnalyticsUser": object(["end_user_id": string, "email": optional(string), "tracking_ids": ["type": "array", "items": string], "sessions": integer,
                                     "tool_calls": integer, "tickets": integer, "last_seen_at": time],
                                    required: ["end_user_id", "tracking_ids", "sessions", "tool_calls", "tickets", "last_seen_at"]),
            "AnalyticsWalkthrough": object(["slug": string, "title": string, "starts": integer, "completions": integer, "completion_rate": ["type": "number"],
                                            "steps": ["type": "array", "items": object(["key": string, "title": string, "reached": integer, "completed": integer,
                                                                                         "drop_off": integer, "median_seconds": optional(integer)],
                                                                                        required: ["key", "title", "reached", "completed", "drop_off"])]],
                                           required: ["slug", "title", "starts", "completions", "completion_rate", "steps"]),
            "AnalyticsFunnel": object(["range": ref("AnalyticsRange"), "walkthrough": string,
                                       "stages": ["type": "array", "items": object(["name": string, "users": integer], required: ["name", "users"])]],
                                      required: ["range", "walkthrough", "stages"]),
            "AnalyticsFlow": object(["range": ref("AnalyticsRange"), "nodes": ["type": "array", "items": string],
                                     "links": ["type": "array", "items": object(["source": string, "target": string, "users": integer],
                                                                                required: ["source", "target", "users"])]],
                                    required: ["range", "nodes", "links"]),
            "AnalyticsToolPage": page("AnalyticsTool"), "AnalyticsUserPage": page("AnalyticsUser"), "AnalyticsWalkthroughPage": page("AnalyticsWalkthrough"),
            "DocumentPage": page("Document"), "SearchResultPage": page("SearchResult"),
            "WebhookPage": page("Webhook"), "WebhookDeliveryPage": page("WebhookDelivery"),
            "EndUserPage": page("EndUser"), "SessionPage": page("Session"), "TicketPage": page("Ticket"),
            "OrganizationPage": page("Organization"), "TokenPage": page("Token"), "ServerPage": page("Server"), "AuditPage": page("AuditEvent"),
        ]
    }

    /// The document as pretty, key-sorted JSON.
    static let json: String = {
        var paths: [String: [String: Any]] = [:]
        let error: [String: Any] = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        for operation in operations {
            var responses: [String: Any] = [
                "400": ["description": "malformed request"].merging(error) { $1 },
                "422": ["description": "invalid input"].merging(error) { $1 },
                "429": ["description": "rate limited"].merging(error) { $1 },
            ]
            var success: [String: Any] = ["description": operation.status == 204 ? "done" : "success"]
            if let response = operation.response {
                success["content"] = ["application/json": ["schema": ["$ref": "#/components/schemas/\(response)"]]]
            }
            responses[String(operation.status)] = success
            if !operation.open {
                responses["401"] = ["description": "missing, unknown, revoked or expired token"].merging(error) { $1 }
            }
            if operation.path.contains("{org}") {
                responses["403"] = ["description": "the caller's role is too low"].merging(error) { $1 }
                responses["404"] = ["description": "not found (or not visible to the caller)"].merging(error) { $1 }
            }
            if operation.method == "post" { responses["409"] = ["description": "conflict"].merging(error) { $1 } }
            var entry: [String: Any] = ["operationId": operation.id, "summary": operation.summary, "responses": responses]
            let parameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part -> [String: Any] in
                ["name": String(part.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"],
                 "description": "id, or slug/name"]
            }
            var allParameters = parameters
            if operation.method != "get" {
                allParameters.append(["name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string"],
                                      "description": "retries with the same key get the stored response"])
            } else if operation.response?.hasSuffix("Page") == true {
                allParameters.append(["name": "limit", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": 200]])
                allParameters.append(["name": "cursor", "in": "query", "required": false, "schema": ["type": "string"]])
            }
            if !allParameters.isEmpty { entry["parameters"] = allParameters }
            if let request = operation.request {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(request)"]]]]
            }
            if operation.open { entry["security"] = [[String: Any]]() }
            paths[operation.path, default: [:]][operation.method] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "mcplatform admin API", "version": "1",
                     "description": "The API mcpctl uses. Errors use the envelope {\"error\": {\"code\", \"message\", \"details\"}}."],
            "servers": [["url": "http://127.0.0.1:8081"]],
            "security": [["bearer": [String]()]],
            "components": ["schemas": schemas(), "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
            "paths": paths,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }()
}
