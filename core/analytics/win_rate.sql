-- Win rate (PRODUCT.md § Funnel conversion): won / (won + lost), by count and by value. One row.
-- The *_valued_count columns count opportunities with a non-zero amount: some exports (the public CRM
-- sales opportunities set) give a value to won deals only, which makes the value-weighted rate 100%.
with
opportunities as (
    select
        stage,
        coalesce(amount, 0) as amount,
        list_contains($won_stages::varchar[], stage) as is_won,
        list_contains($lost_stages::varchar[], stage) as is_lost
    from filtered_pipeline($region, $team, $account_manager, $scope_region, $scope_account_manager)
),

closed as (
    select
        count(*) filter (where is_won)::bigint as won_count,
        count(*) filter (where is_lost)::bigint as lost_count,
        coalesce(sum(amount) filter (where is_won), 0) as won_amount,
        coalesce(sum(amount) filter (where is_lost), 0) as lost_amount,
        count(*) filter (where not is_won and not is_lost)::bigint as open_count,
        count(*) filter (where is_won and amount <> 0)::bigint as won_valued_count,
        count(*) filter (where is_lost and amount <> 0)::bigint as lost_valued_count,
        count(*) filter (where not is_won and not is_lost and amount <> 0)::bigint as open_valued_count
    from opportunities
)

select
    won_count,
    lost_count,
    -- nullif: without a closed opportunity there is no rate, not a 0% one
    won_count / nullif(won_count + lost_count, 0) as win_rate,
    won_amount,
    lost_amount,
    won_amount / nullif(won_amount + lost_amount, 0) as amount_win_rate,
    open_count,
    won_valued_count,
    lost_valued_count,
    open_valued_count
from closed
