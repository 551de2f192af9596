using Microsoft.AspNetCore.Mvc;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Problems;

/// <summary>MVC's answer to a body or query it could not bind: one validation_failed problem that says what was wrong.</summary>
public static class InvalidBodyResponse
{
    public static ObjectResult Create(ActionContext context)
    {
        var errors = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .SelectMany(entry => entry.Value!.Errors.Select(error => (Key: entry.Key, Error: error)))
            .ToList();

        // A body that failed to parse also reports the parameter as missing; the parse error is the useful one.
        var parseErrors = errors.Where(e => e.Key.StartsWith('$')).Select(e => Describe(e.Key, e.Error.ErrorMessage)).Distinct().ToList();

        // A query parameter of the wrong type (?limit=abc, ?unassigned=maybe) is named, not mistaken for a missing body.
        var query = context.HttpContext.Request.Query;
        var queryErrors = errors.Where(e => query.ContainsKey(e.Key))
            .Select(e => $"{e.Key} cannot be '{query[e.Key]}'; see /swagger for what it takes.").Distinct().ToList();
        List<string> problems = parseErrors.Count > 0 ? parseErrors : queryErrors.Count > 0 ? queryErrors : ["A JSON body is required."];
        var problem = ProblemCatalog.Create(ErrorCodes.ValidationFailed, string.Join(" ", problems), context.HttpContext.Request.Path);
        problem.Extensions["errors"] = problems;
        return ProblemWriter.Result(problem);
    }

    private static string Describe(string key, string message)
    {
        var field = key.TrimStart('$', '.');
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // System.Text.Json names the .NET type it wanted; the caller needs the field, not our class names.
            return field.Length > 0
                ? $"{field} has the wrong type or is out of range (weights and percentages are JSON numbers, other fields strings)."
                : "The body must be one JSON object with this request's fields; see /swagger for them.";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"{field} cannot be set here; see /swagger for the fields this request takes.";
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return $"The body gives {(field.Length > 0 ? field : "a field")} more than once; send each field once.";
        }

        var firstSentence = message.Split(" Path:", 2)[0];
        return $"The body is not valid JSON: {firstSentence}";
    }
}
