using System.Reflection;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Tests.Api;

[TestFixture]
[Category("Fast")]
public sealed class ProblemCatalogTests
{
    [Test]
    public void Only_internal_error_is_a_500()
    {
        var serverErrors = ProblemCatalog.Entries.Where(e => e.Value.Status >= 500 && e.Value.Status != 503).Select(e => e.Key);
        Assert.That(serverErrors, Is.EquivalentTo(new[] { ProblemCatalog.Internal }));
    }

    [Test]
    public void Every_code_has_a_status_and_a_title()
    {
        Assert.Multiple(() =>
        {
            foreach (var (code, kind) in ProblemCatalog.Entries)
            {
                Assert.That(kind.Status, Is.InRange(400, 599), code);
                Assert.That(kind.Title, Is.Not.Empty, code);
            }
        });
    }

    [Test]
    public void Every_domain_code_and_every_node_code_is_in_the_catalog()
    {
        var codes = CodeConstants(typeof(ErrorCodes)).Concat(CodeConstants(typeof(ProblemCatalog))).ToList();
        Assert.That(codes, Has.Count.GreaterThan(10), "the walk found the code constants");
        Assert.That(codes.Where(code => !ProblemCatalog.Entries.ContainsKey(code)), Is.Empty, "codes with no catalog entry would be answered as internal errors");
    }

    [Test]
    public void Every_store_unavailability_is_a_503_a_client_retries()
    {
        Assert.Multiple(() =>
        {
            foreach (var reason in Enum.GetValues<UnavailableReason>())
            {
                var code = ProblemCatalog.CodeOf(reason);
                Assert.That(ProblemCatalog.KindOf(code).Status, Is.EqualTo(503), $"{reason} -> {code}");
            }
        });
    }

    [Test]
    public void Membership_failures_are_never_500()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ProblemCatalog.KindOf(ProblemCatalog.MembershipChangeFailed).Status, Is.EqualTo(409));
            Assert.That(ProblemCatalog.KindOf(ProblemCatalog.MembershipChangeInProgress).Status, Is.EqualTo(503));
        });
    }

    private static IEnumerable<string> CodeConstants(Type type)
        => type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
