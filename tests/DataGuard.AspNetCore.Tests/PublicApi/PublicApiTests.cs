using DataGuard.Testing;
using Microsoft.AspNetCore.Builder;

namespace DataGuard.AspNetCore.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_approved_file() =>
        ApprovedApi.Verify(typeof(DataGuardDataMapEndpointRouteBuilderExtensions).Assembly, "tests/DataGuard.AspNetCore.Tests/PublicApi");
}
