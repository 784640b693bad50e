using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Web;

/// <summary>A staff page as an endpoint's answer: the Razor component rendered on the server, with its status code.</summary>
internal static class StaffPageResults
{
    public static RazorComponentResult<TPage> Page<TPage>(object? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new(parameters ?? new { }) { StatusCode = statusCode };
}
