namespace Raft3D.Node.Security;

/// <summary>Why a request was refused; the label of <c>raft3d_auth_failures_total</c> and a word in the log.</summary>
public static class AuthFailureReason
{
    public const string MissingToken = "missing_token";
    public const string InvalidToken = "invalid_token";
    public const string MalformedAuthorization = "malformed_authorization";
    public const string InvalidProof = "invalid_proof";
    public const string Forbidden = "forbidden";
}
