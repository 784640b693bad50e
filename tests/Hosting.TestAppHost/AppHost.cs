using Platform.Hosting.Postgres;
using Platform.Hosting.RabbitMQ;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddPostgresServer("postgres").AddDatabase("education-db");
builder.AddRabbitMQServer("messaging");
builder.Build().Run();
