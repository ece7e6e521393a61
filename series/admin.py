from django.contrib import admin

from .models import CastCredit, Credit, Person, Role, Series, Studio


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person", "role"]


class CastInline(admin.TabularInline):
    model = CastCredit
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "status", "premiere_date", "episode_count"]
    list_filter = ["format", "source", "status", "studios"]
    search_fields = ["title", "title_japanese", "title_romaji", "aliases"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["studios"]
    inlines = [CreditInline, CastInline]


@admin.register(Studio)
class StudioAdmin(admin.ModelAdmin):
    search_fields = ["name", "native_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "native_name"]
    search_fields = ["name", "native_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "position"]
    list_editable = ["position"]
    list_filter = ["department"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
