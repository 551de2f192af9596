using Raft3D.Node.Api.Events;
using Raft3D.Node.Store.Events;

namespace Raft3D.Tests.Events;

/// <summary>The event stream's <c>?types=</c>: absent means every type; a list must name at least one known type.</summary>
[TestFixture]
[Category("Fast")]
public sealed class EventQueryTests
{
    [TestCase(null)]
    [TestCase("")]
    public void No_filter_is_every_type(string? text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(EventQuery.ParseTypes(text, out var types), Is.Null);
            Assert.That(types, Is.EquivalentTo(EventTypes.Filterable));
        });
    }

    [Test]
    public void A_list_is_the_types_it_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EventQuery.ParseTypes("print_job, filament,", out var types), Is.Null);
            Assert.That(types, Is.EquivalentTo(new[] { EventTypes.PrintJob, EventTypes.Filament }));
        });
    }

    [TestCase(",")]
    [TestCase(",,,")]
    [TestCase("spools")]
    public void A_list_naming_no_known_type_is_refused(string text)
        => Assert.That(EventQuery.ParseTypes(text, out _), Does.StartWith("types must be a comma-separated list"));
}
