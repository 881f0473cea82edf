-- Win rate (PRODUCT.md § Funnel conversion): won / (won + lost), by count and by value. One row.
with
opportunities as (
    select stage, coalesce(amount, 0) as amount
    from filtered_pipeline($region, $team, $account_manager, $scope_region, $scope_account_manager)
),

closed as (
    select
        count(*) filter (where list_contains($won_stages::varchar[], stage))::bigint as won_count,
        count(*) filter (where list_contains($lost_stages::varchar[], stage))::bigint as lost_count,
        coalesce(sum(amount) filter (where list_contains($won_stages::varchar[], stage)), 0) as won_amount,
        coalesce(sum(amount) filter (where list_contains($lost_stages::varchar[], stage)), 0) as lost_amount
    from opportunities
)

select
    won_count,
    lost_count,
    -- nullif: without a closed opportunity there is no rate, not a 0% one
    won_count / nullif(won_count + lost_count, 0) as win_rate,
    won_amount,
    lost_amount,
    won_amount / nullif(won_amount + lost_amount, 0) as amount_win_rate
from closed
