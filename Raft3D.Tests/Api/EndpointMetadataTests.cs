using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Raft3D.Node.Api;
using Raft3D.Node.Api.Routing;

namespace Raft3D.Tests.Api;

/// <summary>
/// The middleware decides by endpoint metadata, so an endpoint without it is served wrongly (a write on a
/// follower refused instead of forwarded, a read that may miss a write). These walk every action.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class EndpointMetadataTests
{
    private static readonly string[] ReadOnlyMethods = ["GET", "HEAD"];

    private static IEnumerable<MethodInfo> Actions => typeof(FarmControllerBase).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(ControllerBase)) && !type.IsAbstract)
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(action => action.GetCustomAttributes<HttpMethodAttribute>().Any());

    [Test]
    public void Every_write_endpoint_is_forwarded_to_the_leader()
    {
        var writes = Actions.Where(action => action.GetCustomAttributes<HttpMethodAttribute>().SelectMany(a => a.HttpMethods).Any(m => !ReadOnlyMethods.Contains(m))).ToList();
        Assert.That(writes, Has.Count.GreaterThanOrEqualTo(18), "the walk found the write actions");
        Assert.That(writes.Where(action => action.GetCustomAttribute<ForwardToLeaderAttribute>() is null).Select(Name), Is.Empty);
    }

    [Test]
    public void Every_farm_read_is_linearizable_and_no_write_is_treated_as_a_read()
    {
        var farmReads = Actions.Where(action => action.DeclaringType!.Namespace!.StartsWith("Raft3D.Node.Api.", StringComparison.Ordinal)
                && !action.DeclaringType.Namespace.EndsWith(".Cluster", StringComparison.Ordinal)
                && action.GetCustomAttribute<NodeLocalStreamAttribute>() is null
                && action.GetCustomAttributes<HttpMethodAttribute>().SelectMany(a => a.HttpMethods).All(ReadOnlyMethods.Contains))
            .ToList();
        Assert.That(farmReads.Select(Name).ToList(), Has.Count.GreaterThanOrEqualTo(11).And.Contains("FilamentLedgerController.Ledger").And.Contains("ExportController.Export"), "the walk found the farm's read actions");
        Assert.That(farmReads.Where(action => action.GetCustomAttribute<LinearizableReadAttribute>() is null).Select(Name), Is.Empty);
        Assert.That(Actions.Where(a => a.GetCustomAttribute<LinearizableReadAttribute>() is not null && a.GetCustomAttribute<ForwardToLeaderAttribute>() is not null).Select(Name), Is.Empty);
    }

    [Test]
    public void Every_farm_write_reads_an_Idempotency_Key()
    {
        // FarmControllerBase carries the filter that checks the key and puts it in the command; a farm write on
        // any other controller would ignore the key, and its retries would apply twice.
        var farmWrites = Actions.Where(action => action.DeclaringType!.Namespace!.StartsWith("Raft3D.Node.Api.", StringComparison.Ordinal)
                && !action.DeclaringType.Namespace.EndsWith(".Cluster", StringComparison.Ordinal)
                && action.GetCustomAttributes<HttpMethodAttribute>().SelectMany(a => a.HttpMethods).Any(m => !ReadOnlyMethods.Contains(m)))
            .ToList();
        Assert.That(farmWrites.Select(Name).ToList(), Has.Count.GreaterThanOrEqualTo(16).And.Contains("FilamentLedgerController.Adjust").And.Contains("FilamentLedgerController.Measure"), "the walk found the farm's writes");
        Assert.That(farmWrites.Where(action => !action.DeclaringType!.IsSubclassOf(typeof(FarmControllerBase))).Select(Name), Is.Empty);

        // A follower sends a farm write's command alone to the leader; the whole request is proxied only for cluster writes.
        Assert.That(farmWrites.Where(action => action.GetCustomAttribute<ForwardToLeaderAttribute>() is not { AsCommand: true }).Select(Name), Is.Empty);
        Assert.That(Actions.Where(action => action.DeclaringType!.Namespace!.EndsWith(".Cluster", StringComparison.Ordinal) && action.GetCustomAttribute<ForwardToLeaderAttribute>() is { AsCommand: true }).Select(Name), Is.Empty);
    }

    private static string Name(MethodInfo action) => $"{action.DeclaringType!.Name}.{action.Name}";
}
