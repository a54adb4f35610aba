using DataGuard.Testing;

namespace DataGuard.Pkcs11.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_approved_file() =>
        ApprovedApi.Verify(typeof(Pkcs11KeyWrapper).Assembly, "tests/DataGuard.Pkcs11.Tests/PublicApi");
}
