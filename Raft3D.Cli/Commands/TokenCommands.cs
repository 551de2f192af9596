using System.CommandLine;
using System.Text.Json;
using Raft3D.Cli.Output;

namespace Raft3D.Cli.Commands;

/// <summary>raft3d token new: makes an API token and prints it with the configuration a node needs for it. Talks to no node.</summary>
public static class TokenCommands
{
    public static Command Create(CommandRunner runner)
    {
        var token = new Command("token", "API tokens for nodes that require one. Example: raft3d token new --role operator --name ci");

        var role = new Option<string>("--role") { Description = "What the token may do: viewer (reads), operator (farm writes) or admin (also /cluster/*).", Required = true };
        role.AcceptOnlyFromAmong([.. NewApiToken.Roles]);
        var name = new Option<string?>("--name") { Description = "Who holds it, as the nodes' logs will say (letters, digits, . _ @ -). Default: the role and a random suffix." };
        var create = new Command(
            "new",
            "Print a new random token, its SHA-256 and the configuration to give the nodes (they keep only the hash). "
            + "Example: raft3d token new --role viewer --name wall-screen")
        {
            role, name,
        };
        runner.BindLocal(create, (parse, renderer) =>
        {
            var made = NewApiToken.Create(parse.GetValue(role)!, parse.GetValue(name));
            if (renderer.Format == OutputFormat.Json)
            {
                renderer.Json(JsonSerializer.Serialize(new { name = made.Name, role = made.Role, token = made.Token, sha256 = made.Sha256 }));
            }
            else
            {
                Describe(renderer, made);
            }

            return ExitCodes.Success;
        });

        token.Subcommands.Add(create);
        return token;
    }

    private static void Describe(Renderer renderer, NewApiToken made)
    {
        var entry = JsonSerializer.Serialize(new { Name = made.Name, Role = made.Role, Sha256 = made.Sha256 });
        renderer.Line($"token:  {made.Token}");
        renderer.Line($"sha256: {made.Sha256}");
        renderer.Line($"name:   {made.Name}");
        renderer.Line($"role:   {made.Role}");
        renderer.Line(string.Empty);
        renderer.Line($"Give the token to its holder (raft3d reads it from ${GlobalOptions.TokenVariable}); it is shown only now: the nodes keep only its hash.");
        renderer.Line("Add it to every node, in appsettings.json under Raft3D:Security:Tokens (or in the Raft3D:Security:TokensFile array):");
        renderer.Line($"  {entry}");
        renderer.Line("or as environment variables (0 is its place in the list: take the next free one if tokens are configured already):");
        renderer.Line($"  Raft3D__Security__Tokens__0__Name={made.Name}");
        renderer.Line($"  Raft3D__Security__Tokens__0__Role={made.Role}");
        renderer.Line($"  Raft3D__Security__Tokens__0__Sha256={made.Sha256}");
    }
}
