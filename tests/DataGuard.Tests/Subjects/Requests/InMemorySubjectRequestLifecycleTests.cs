using DataGuard.DependencyInjection;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Subjects.Requests;

public sealed class InMemorySubjectRequestLifecycleTests : SubjectRequestLifecycleTests
{
    private readonly InMemorySubjectRequestStore _store = new();

    protected override void AddStore(IDataGuardBuilder builder) => builder.Services.AddSingleton<ISubjectRequestStore>(_store);
}
