using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Raft3D.Node.Api.Problems;

namespace Raft3D.Tests.Api;

/// <summary>What a caller reads when MVC cannot bind a body: the field and what it takes, never a .NET type name.</summary>
[TestFixture]
[Category("Fast")]
public sealed class InvalidBodyResponseTests
{
    [Test]
    public void A_body_that_is_not_an_object_is_told_so_without_naming_a_dotnet_type()
    {
        var detail = DetailFor("$", "The JSON value could not be converted to Raft3D.Node.Api.Printers.PrinterCreateRequest. Path: $ | LineNumber: 0 | BytePositionInLine: 1.");

        Assert.Multiple(() =>
        {
            Assert.That(detail, Does.Contain("JSON object"));
            Assert.That(detail, Does.Not.Contain("Raft3D."));
        });
    }

    [Test]
    public void A_field_of_the_wrong_type_is_named()
    {
        var detail = DetailFor("$.total_weight_in_grams", "The JSON value could not be converted to System.Decimal. Path: $.total_weight_in_grams | LineNumber: 0 | BytePositionInLine: 40.");

        Assert.Multiple(() =>
        {
            Assert.That(detail, Does.StartWith("total_weight_in_grams has the wrong type"));
            Assert.That(detail, Does.Not.Contain("System."));
        });
    }

    [Test]
    public void Broken_json_keeps_the_parsers_first_sentence()
    {
        var detail = DetailFor("$", "'n' is an invalid start of a property name. Expected a '\"'. Path: $ | LineNumber: 0 | BytePositionInLine: 1.");

        Assert.That(detail, Is.EqualTo("The body is not valid JSON: 'n' is an invalid start of a property name. Expected a '\"'."));
    }

    [Test]
    public void A_field_named_twice_is_not_called_invalid_json()
    {
        var detail = DetailFor("$.id", "Duplicate property 'id' encountered during deserialization of type 'Raft3D.Node.Api.Printers.PrinterCreateRequest'. Path: $.id | LineNumber: 0 | BytePositionInLine: 60.");

        Assert.That(detail, Is.EqualTo("The body gives id more than once; send each field once."));
    }

    private static string DetailFor(string key, string message)
    {
        var state = new ModelStateDictionary();
        state.AddModelError(key, message);
        var context = new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor(), state);
        var result = InvalidBodyResponse.Create(context);
        return ((ProblemDetails)result.Value!).Detail!;
    }
}
