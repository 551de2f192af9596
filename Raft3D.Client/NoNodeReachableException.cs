namespace Raft3D.Client;

/// <summary>Every node was tried and none answered; the message lists what each said.</summary>
public sealed class NoNodeReachableException(string message) : Exception(message);
