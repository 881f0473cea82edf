"""The sign-in page's, the sidebar's account line's and the audit page's labels (issue #12): key -> (中文, English).

Kept beside ui/text.py's catalogue and merged into it there, so t() finds them like any other label.
"""

ACCESS_TEXT: dict[str, tuple[str, str]] = {
    "signin_title": ("登录", "Sign in"),
    "signin_intro": ("请登录后查看看板。", "Sign in to see the dashboard."),
    "signin_name": ("用户名", "User name"),
    "signin_password": ("密码", "Password"),
    "signin_button": ("登录", "Sign in"),
    "signin_sso": ("使用公司账号登录", "Sign in with your company account"),
    "signin_or": ("或使用本工作区的账号：", "or with an account of this workspace:"),
    "signin_empty": ("请输入用户名和密码。", "Enter a user name and a password."),
    "signin_unknown_email": (
        "公司账号 {email} 没有本看板的访问权限。请管理员用此邮箱添加用户后再登录。",
        "The company account {email} has no access to this dashboard. Ask an admin to add a user with "
        "this e-mail, then sign in again.",
    ),
    "signin_sso_no_email": (
        "公司账号没有提供邮箱，无法匹配用户，没有访问权限。",
        "The company account gave no e-mail, so it matches no user and has no access.",
    ),
    "signin_sso_off": (
        "单点登录已配置但无法使用：{error}",
        "Single sign-on is configured but cannot be used: {error}",
    ),
    "signed_in_as": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "sign_out": ("退出登录", "Sign out"),
    "role_viewer": ("查看者", "viewer"),
    "role_editor": ("编辑者", "editor"),
    "role_admin": ("管理员", "admin"),
    "page_audit": ("审计日志", "Audit log"),
    "audit_title": ("审计日志", "Audit log"),
    "audit_intro": (
        "谁在何时做了什么：登录（包括失败）、导入、重命名、删除、用户变更。最新的在前；时间为 UTC。",
        "Who did what, when: sign-ins (failed ones too), imports, renames, deletes, user changes. "
        "Newest first; times in UTC.",
    ),
    "audit_empty": ("审计日志还没有记录。", "The audit log has no entries yet."),
    "audit_user": ("用户", "User"),
    "audit_action": ("操作", "Action"),
    "audit_all": ("（全部）", "(all)"),
    "audit_col_time": ("时间（UTC）", "Time (UTC)"),
    "audit_col_user": ("用户", "User"),
    "audit_col_action": ("操作", "Action"),
    "audit_col_detail": ("详情", "Detail"),
    "audit_count": ("{n} 条记录", "{n} entries"),
    "action_sign_in": ("登录", "sign in"),
    "action_sign_in_failed": ("登录失败", "failed sign-in"),
    "action_sign_out": ("退出登录", "sign out"),
    "action_upload": ("上传", "upload"),
    "action_import": ("导入", "import"),
    "action_rename": ("重命名", "rename"),
    "action_delete": ("删除", "delete"),
    "action_user_add": ("添加用户", "user added"),
    "action_user_remove": ("删除用户", "user removed"),
    "action_password_reset": ("重置密码", "password reset"),
    "action_merge": ("合并客户", "merge"),
    "dup_scoped": (
        "合并客户会改动所有区域的数据，只有不限查看范围的编辑者可以决定；这里只列出你范围内的候选组。",
        "A merge changes every region's data, so only an editor without a scope may decide; the groups here "
        "are those within your scope.",
    ),
}
