using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Raft3D.Node.Security;

/// <summary>
/// Gives every controller action a role unless it names one itself: reads need a viewer, anything that changes
/// the farm an operator. The cluster's own actions say [Authorize(Policy = Admin)] where they need more, so a
/// new farm endpoint is protected by default and only the exceptions are written down.
/// </summary>
public sealed class RoleByMethodConvention : IActionModelConvention
{
    private static readonly HashSet<string> ReadMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS" };

    public void Apply(ActionModel action)
    {
        if (action.Attributes.OfType<IAuthorizeData>().Any() || action.Controller.Attributes.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        var methods = action.Attributes.OfType<IActionHttpMethodProvider>().SelectMany(provider => provider.HttpMethods).ToList();
        var policy = methods.Count > 0 && methods.All(ReadMethods.Contains) ? ApiPolicies.Viewer : ApiPolicies.Operator;
        foreach (var selector in action.Selectors)
        {
            selector.EndpointMetadata.Add(new AuthorizeAttribute(policy));
        }
    }
}
