using Platform.Messaging;

namespace Platform.SharedKernels.Tests;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void An_amqp_uri_gives_host_port_virtual_host_and_escaped_credentials()
    {
        var address = RabbitMqAddress.Parse("amqp://platform:p%40ss%3Aword@10.0.0.5:5673/child%2Fdata");

        Assert.Equal(new RabbitMqAddress("10.0.0.5", 5673, "child/data", "platform", "p@ss:word"), address);
    }

    [Fact]
    public void Defaults_are_the_standard_port_the_root_virtual_host_and_guest()
    {
        Assert.Equal(new RabbitMqAddress("broker", 5672, "/", "guest", "guest"), RabbitMqAddress.Parse("amqp://broker"));
    }

    [Theory]
    [InlineData("Host=localhost;Port=5672")]
    [InlineData("http://broker:5672/")]
    [InlineData("")]
    public void Anything_but_an_amqp_uri_is_rejected_with_an_example(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqAddress.Parse(connectionString));
        Assert.Contains("amqp://", error.Message);
    }
}
