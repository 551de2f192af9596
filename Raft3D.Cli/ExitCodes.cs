using System.Net;

namespace Raft3D.Cli;

/// <summary>What raft3d's exit status means; scripts rely on these, so they never change.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Rejected = 1;
    public const int InvalidInput = 2;
    public const int Unavailable = 3;
    public const int NotFound = 4;

    /// <summary>
    /// --if-match named a version the entity has moved past (412 version_mismatch): nothing was written. Not 1,
    /// because the remedy differs: someone else changed it, so read it again and decide, instead of fixing the request.
    /// </summary>
    public const int VersionMismatch = 5;

    /// <summary>
    /// filaments verify found the spool's numbers and its history disagreeing. Not 1: nothing was refused, the
    /// check ran and its answer is "no", which a monitoring script must be able to tell from a failure to ask.
    /// </summary>
    public const int VerificationFailed = 6;

    /// <summary>
    /// The node wants a token (401: none was sent, or it is wrong) or the token's role cannot do this (403). Not 2:
    /// the request is fine, the credentials are not, and no retry or other node will change that.
    /// </summary>
    public const int Unauthorized = 7;

    public const string HelpText = "Exit codes: 0 success, 1 rejected by a rule (409), 2 invalid input (400, 422 or bad arguments), 3 no node reachable or no leader (503), "
        + "4 not found (404), 5 changed since --if-match (412), 6 filaments verify found a disagreement, 7 no token, a wrong one, or one whose role cannot do this (401, 403).";

    public static int FromStatus(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => Success,
        401 or 403 => Unauthorized,
        404 => NotFound,
        409 => Rejected,
        412 => VersionMismatch,
        >= 400 and < 500 => InvalidInput,
        _ => Unavailable,
    };
}
