-- Opportunities dated after the orders' as_of (issue #11). One row: how many, and the latest such date.
-- A pipeline exported later than the orders (or from another period) is read against orders that end
-- earlier; the funnel page says so. An open deal's close date is an expected one, so only created dates
-- and the close dates of won or lost deals count.
with
opportunities as (
    select
        created_date,
        case when list_contains($closed_stages::varchar[], stage) then close_date end as closed_date
    from filtered_pipeline($region, $team, $account_manager, $scope_region, $scope_account_manager)
),

after_as_of as (
    select
        greatest(
            case when created_date > $as_of then created_date end,
            case when closed_date > $as_of then closed_date end
        ) as latest_date
    from opportunities
    where created_date > $as_of or closed_date > $as_of
)

select
    count(*)::bigint as opportunities_count,
    max(latest_date) as latest_date
from after_as_of
