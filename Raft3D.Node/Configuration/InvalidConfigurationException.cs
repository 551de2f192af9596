namespace Raft3D.Node.Configuration;

/// <summary>The configuration cannot run a node; the message is the one line printed before exiting.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);
