using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Token requests to a test host's token service, and clients that use the tokens it gives.</summary>
public static class TokenRequests
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> RequestTokenAsync(this ClinicApiFactory api, Dictionary<string, string> form)
    {
        var response = await api.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static HttpClient WithBearer(this ClinicApiFactory api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
