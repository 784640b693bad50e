using Platform.Gateway.Profiles;

namespace Platform.Gateway.Tests.Children;

public sealed class NameSpellingTests
{
    [Theory]
    [InlineData("Әлібек", "Alibek", "Älibek", "Алибек")]
    [InlineData("Нұрланұлы", "Nurlanuly", "Nurlanuli", "Нурланулы")]
    [InlineData("Жанна", "Zhanna", "Janna", "ЖАННА")]
    [InlineData("Қасымов", "Kasymov", "Qasymov", "Касымов")]
    [InlineData("Шаяхметов", "Shayakhmetov", "Şaiahmetov", "Shaiakhmetov")]
    [InlineData("Чингиз", "Chingiz", "Çingiz", "ЧИНГИЗ")]
    [InlineData("Алексей", "Aleksey", "Alexei", "Aleksei")]
    [InlineData("Ұлжан", "Ulzhan", "Ūljan", "Улжан")]
    [InlineData("Абаев", "Abayev", "Abaev", "Abaiev")]
    [InlineData("Алиев", "Aliyev", "Aliev", "Əliyev")]
    public void Spellings_of_one_name_share_a_key(string name, string latin, string other, string another)
    {
        var key = NameSpelling.Key(name);
        Assert.NotEmpty(key);
        Assert.Equal(key, NameSpelling.Key(latin));
        Assert.Equal(key, NameSpelling.Key(other));
        Assert.Equal(key, NameSpelling.Key(another));
    }

    [Theory]
    [InlineData("Асель", "Аслан")]
    [InlineData("Абаев", "Абаева")]
    [InlineData("Ержан", "Ерлан")]
    public void Different_names_keep_different_keys(string one, string other) =>
        Assert.NotEqual(NameSpelling.Key(one), NameSpelling.Key(other));

    [Fact]
    public void Every_typed_word_must_begin_a_word_of_the_name()
    {
        string?[] reported = ["Абаев", "Әлихан Серікұлы", null];

        Assert.True(NameSpelling.Matches(NameSpelling.WordKeys("abaev alihan"), reported));
        Assert.True(NameSpelling.Matches(NameSpelling.WordKeys("Алих Абаев"), reported));
        Assert.True(NameSpelling.Matches(NameSpelling.WordKeys("serikuly"), reported));
        Assert.False(NameSpelling.Matches(NameSpelling.WordKeys("abaeva"), reported));
        Assert.False(NameSpelling.Matches(NameSpelling.WordKeys("abaev ruslan"), reported));
        Assert.False(NameSpelling.Matches(NameSpelling.WordKeys(" - , "), reported));
    }
}
