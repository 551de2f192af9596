namespace Raft3D.Node.Security;

/// <summary>Roles as configured and as claims: lowercase words, so a token's configuration reads like the README.</summary>
public static class ApiRoleNames
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>Also held by a member calling on its own behalf (with the cluster proof), so limits can tell it apart.</summary>
    public const string Peer = "peer";

    public static bool TryParse(string? text, out ApiRole role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            Viewer => ApiRole.Viewer,
            Operator => ApiRole.Operator,
            Admin => ApiRole.Admin,
            _ => 0,
        };
        return role != 0;
    }

    public static string Of(ApiRole role) => role switch
    {
        ApiRole.Viewer => Viewer,
        ApiRole.Operator => Operator,
        ApiRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
