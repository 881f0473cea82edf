-- Churn warnings (PRODUCT.md § Churn warnings). One row per customer with any order line up to as_of.
with
-- read twice below: NOT MATERIALIZED scans orders twice instead of buffering a copy of 1M rows (~30% faster)
orders_to_date as not materialized (
    select
        customer, customer_name, account_manager, order_date, amount, source_row,
        date_diff('day', order_date, $as_of) as days_before
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of
),

purchase_days as (
    -- a day with at least one positive line; a return on the same day does not undo the visit
    select distinct customer, order_date
    from orders_to_date
    where amount > 0
),

purchase_gaps as (
    select
        customer,
        date_diff('day', lag(order_date) over (partition by customer order by order_date), order_date) as gap_days
    from purchase_days
),

purchase_cycle as (
    select
        customer,
        count(*)::bigint as purchase_days_count,
        -- n purchase days give n - 1 gaps; with an even number of gaps DuckDB's median averages the
        -- middle two, so the cycle can be a half day (40.5). It stays a double, never rounded.
        median(gap_days)::double as median_gap_days
    from purchase_gaps
    group by customer
),

customer_history as (
    select
        customer,
        arg_max(customer_name, (order_date, source_row)) filter (where customer_name is not null) as customer_name,
        -- the owner is the manager on the latest order; a return only counts when there is no order
        arg_max(account_manager, (amount > 0, order_date, source_row)) filter (
            where account_manager is not null
        ) as account_manager,
        max(order_date) filter (where amount > 0) as last_purchase_date,
        coalesce(sum(amount) filter (where days_before < $recent_days), 0) as recent_revenue,
        coalesce(sum(amount) filter (where days_before >= $recent_days and days_before < $baseline_days), 0)
            as baseline_revenue,
        coalesce(sum(amount) filter (where days_before < $window_days), 0) as window_revenue
    from orders_to_date
    group by customer
),

cycle_and_overdue as (
    select
        h.*,
        coalesce(c.purchase_days_count, 0) as purchase_days_count,
        case
            when c.purchase_days_count >= $min_purchase_days_for_cycle then c.median_gap_days
            else $default_cycle_days::double
        end as cycle_days,
        date_diff('day', h.last_purchase_date, $as_of) as days_since_last
    from customer_history as h
    left join purchase_cycle as c on h.customer = c.customer
),

measured as (
    select
        *,
        days_since_last / cycle_days as overdue,
        -- baseline spans (360 - 90) / 90 = 3 quarters: compare the last quarter with their average.
        -- Rounded to 10 places so 1 - 0.7 is 0.3 and meets a 0.3 threshold.
        case
            when baseline_revenue > 0 then round(
                1 - recent_revenue::double
                / (baseline_revenue::double * $recent_days / ($baseline_days - $recent_days)),
                10
            )
        end as decline
    from cycle_and_overdue
),

levelled as (
    select
        *,
        case
            when last_purchase_date is null or days_since_last > $lost_after_days then 'lost'
            when overdue >= $high_overdue or decline >= $high_decline then 'high'
            when overdue >= $medium_overdue or decline >= $medium_decline then 'medium'
            else 'ok'
        end as level
    from measured
),

-- How the last quarter compares with the prior average, as a manager reads it (issue #11): a rise is
-- 'up', never a negative decline, and the percentage is capped at 100 (capped = it was more: a rise of
-- 6,473%, or returns outweighing sales, which is a decline above 100%). Null without a baseline.
trend as (
    select
        *,
        case
            when decline is null then null
            when round(decline * 100) <= -1 then 'up'
            when round(decline * 100) >= 1 then 'down'
            else 'flat'
        end as trend,
        case when decline is not null then least(round(abs(decline) * 100), 100)::bigint end as trend_pct,
        case when decline is not null then abs(decline) > 1 end as trend_capped,
        -- only a customer who may still be kept has revenue at risk: lost ones have none left in the
        -- window (often a negative net of returns), ok ones are not at risk; never below zero
        case when level in ('high', 'medium') then greatest(window_revenue, 0) else 0 end as revenue_at_risk
    from levelled
),

reason_parts as (
    select
        *,
        case
            when cycle_days = floor(cycle_days) then printf('%d', cycle_days::bigint)
            else printf('%.1f', cycle_days)
        end as cycle_text,
        purchase_days_count >= $min_purchase_days_for_cycle as has_own_cycle,
        level in ('high', 'medium') and overdue >= $medium_overdue as is_overdue,
        level in ('high', 'medium') and decline >= $medium_decline as is_declining
    from trend
),

reasons as (
    select
        *,
        case
            when last_purchase_date is null then '无采购记录，仅有退货'
            when level = 'lost' then printf('已%d天未采购', days_since_last)
            else concat_ws(
                '；',
                case when is_overdue then printf(
                    '已超出%s%s天采购周期%s倍',
                    case when has_own_cycle then '常规' else '默认' end, cycle_text, printf('%.1f', overdue)
                ) end,
                case when is_declining then printf(
                    '近%d天销售额较前期均值下降%s%d%%', $recent_days, case when trend_capped then '≥' else '' end, trend_pct
                ) end
            )
        end as reason_zh,
        case
            when last_purchase_date is null then 'no purchase, only returns'
            when level = 'lost' then printf('no purchase for %d days', days_since_last)
            else concat_ws(
                '; ',
                case when is_overdue then printf(
                    '%s× past its %s %s-day cycle',
                    printf('%.1f', overdue), case when has_own_cycle then 'usual' else 'default' end, cycle_text
                ) end,
                case when is_declining then printf(
                    'last %d days down %s%d%% vs its prior average',
                    $recent_days, case when trend_capped then '≥' else '' end, trend_pct
                ) end
            )
        end as reason_en
    from reason_parts
)

select
    customer, customer_name, level, cycle_days, purchase_days_count, days_since_last, overdue, decline,
    trend, trend_pct, trend_capped, recent_revenue, baseline_revenue, window_revenue, revenue_at_risk,
    account_manager, last_purchase_date, reason_zh, reason_en
from reasons
-- the call-list order: the most revenue at risk first; then (lost and ok customers) the most revenue kept
order by revenue_at_risk desc, window_revenue desc, customer asc
