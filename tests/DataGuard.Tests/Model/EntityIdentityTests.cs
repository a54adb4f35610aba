using DataGuard.Model;
using DataGuard.Model.DataMaps;

namespace DataGuard.Tests.Model;

public sealed class EntityIdentityTests
{
    [Fact]
    public void Two_types_with_one_class_name_are_refused_naming_both()
    {
        var ex = Assert.Throws<DataGuardModelException>(() => PersonalDataModel.FromTypes(typeof(Crm.Contact), typeof(Billing.Contact)));

        var error = Assert.Single(ex.Errors);
        Assert.Contains("DataGuard.Tests.Model.Crm.Contact", error, StringComparison.Ordinal);
        Assert.Contains("DataGuard.Tests.Model.Billing.Contact", error, StringComparison.Ordinal);
        Assert.Contains("[DataGuardEntity", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_type_is_listed_once_under_its_name_in_the_data_map()
    {
        var model = PersonalDataModel.FromTypes(typeof(Crm.Contact), typeof(Billing.NamedContact));

        Assert.Equal(["Contact", "billing.contact"], model.Entities.Select(static e => e.Name));
        var map = DataMap.Create(model, []);
        Assert.Equal(["Contact", "billing.contact"], map.Entities.Select(static e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_that_is_not_a_safe_file_name_is_refused()
    {
        var ex = Assert.Throws<DataGuardModelException>(() => PersonalDataModel.FromTypes(typeof(Billing.BadlyNamedContact)));
        Assert.Contains("'../contact' is not valid", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
