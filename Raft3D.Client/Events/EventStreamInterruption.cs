namespace Raft3D.Client;

/// <summary>A node's event stream failed; the client resumes on <see cref="NextNode"/> after <see cref="Delay"/>.</summary>
/// <param name="Node">The node whose stream failed, or that could not be reached.</param>
/// <param name="Reason">What happened, in words: refused, reset, a 5xx, ended, silent.</param>
/// <param name="ResumeAfter">The last log index the caller got, sent as Last-Event-ID; null if none yet.</param>
public sealed record EventStreamInterruption(Uri Node, string Reason, long? ResumeAfter, Uri NextNode, TimeSpan Delay);
