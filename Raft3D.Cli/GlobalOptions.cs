using System.CommandLine;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli;

/// <summary>Options every command takes: which nodes, which read consistency, which output format, and the credentials.</summary>
public sealed class GlobalOptions
{
    public const string NodesVariable = "RAFT3D_NODES";
    public const string TokenVariable = "RAFT3D_TOKEN";
    public const string CaCertificateVariable = "RAFT3D_CACERT";
    /// <summary>run-cluster.sh's own setting: node1's API port, the others on the next two.</summary>
    public const string ApiPortVariable = "RAFT3D_API_PORT";

    /// <summary>run-cluster.sh's node1 API port when <see cref="ApiPortVariable"/> is not set.</summary>
    private const int DefaultApiPort = 8080;

    private static readonly string DefaultNodes = RunClusterNodes(DefaultApiPort);

    public Option<string?> Nodes { get; } = new("--nodes")
    {
        Description = $"Comma-separated node API URLs, tried in turn until one answers. Default: ${NodesVariable}, else run-cluster.sh's three nodes ({DefaultNodes}, or from ${ApiPortVariable} as run-cluster.sh reads it).",
        Recursive = true,
    };

    public Option<string?> Consistency { get; } = new("--consistency")
    {
        Description = "Read consistency: linearizable (default) or local (this node's state, no leader round trip).",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (default) or json (exactly the API's JSON).",
        Recursive = true,
        DefaultValueFactory = static _ => OutputFormat.Table,
    };

    /// <remarks>Never given a default value: System.CommandLine's help would print it.</remarks>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"API token, sent as Authorization: Bearer to every node. Default: ${TokenVariable}, which is better: a command line is visible to other users (ps).",
        Recursive = true,
    };

    public Option<string?> CaCertificate { get; } = new("--cacert")
    {
        Description = $"PEM file of the CA that issued the nodes' https certificates, trusted instead of the system's roots (the host name is still checked). Default: ${CaCertificateVariable}.",
        HelpName = "file",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Nodes, Consistency, Output, Token, CaCertificate];

    public static IReadOnlyList<Uri> ParseNodes(string? text, IDictionary<string, string?> environment)
    {
        var value = !string.IsNullOrWhiteSpace(text) ? text
            : environment.TryGetValue(NodesVariable, out var fromEnvironment) && !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment
            : RunClusterNodes(environment);
        var nodes = new List<Uri>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"'{part}' is not an http:// or https:// URL.");
            }

            nodes.Add(uri);
        }

        return nodes.Count > 0 ? nodes : throw new ArgumentException("--nodes is empty.");
    }

    /// <summary>The nodes run-cluster.sh starts here: on 8080-8082, or from node1's port when it was moved.</summary>
    private static string RunClusterNodes(IDictionary<string, string?> environment)
    {
        if (!environment.TryGetValue(ApiPortVariable, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return DefaultNodes;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first) || first is < 1 or > 65533)
        {
            throw new ArgumentException($"{ApiPortVariable} is '{text}', not a port (1-65533) for node1's API.");
        }

        return RunClusterNodes(first);
    }

    private static string RunClusterNodes(int firstApiPort)
        => string.Join(',', Enumerable.Range(firstApiPort, 3).Select(static port => $"http://127.0.0.1:{port}"));

    public CliContext CreateContext(ParseResult parse, CliEnvironment environment)
    {
        var consistency = parse.GetValue(Consistency);
        if (consistency is not null && consistency is not ("local" or "linearizable"))
        {
            throw new ArgumentException($"--consistency must be 'linearizable' or 'local'; got '{consistency}'.");
        }

        var client = new Raft3DClient(ParseNodes(parse.GetValue(Nodes), environment.Variables), new Raft3DClientOptions
        {
            Consistency = consistency == "local" ? "local" : null,
            BearerToken = OptionOrVariable(parse.GetValue(Token), TokenVariable, environment.Variables),
            CaCertificateFile = OptionOrVariable(parse.GetValue(CaCertificate), CaCertificateVariable, environment.Variables),
            Handler = environment.Handler,
        });
        return new CliContext(client, CreateRenderer(parse, environment));
    }

    /// <summary>How results are written, for commands that talk to no node too.</summary>
    public Renderer CreateRenderer(ParseResult parse, CliEnvironment environment)
        => new(environment.Output, environment.Error, parse.GetValue(Output), environment.IsTerminal);

    private static string? OptionOrVariable(string? option, string variable, IDictionary<string, string?> environment)
        => !string.IsNullOrWhiteSpace(option) ? option
            : environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value) ? value
            : null;
}
