-- ABC tiers (PRODUCT.md § ABC tiers). One row per customer with orders in the window.
with
orders_in_window as (
    select customer, customer_name, account_manager, order_date, amount, profit, source_row, order_key
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        )
),

customer_totals as (
    select
        customer,
        arg_max(customer_name, (order_date, source_row)) filter (where customer_name is not null) as customer_name,
        -- the owner is the manager on the latest order; a return only counts when there is no order,
        -- and a line without a manager does not orphan the customer (same rule as churn_warnings.sql)
        arg_max(account_manager, (amount > 0, order_date, source_row)) filter (
            where account_manager is not null
        ) as account_manager,
        sum(amount) as net_revenue,
        coalesce(sum(profit), 0) as gross_profit,
        -- returns are not orders (PRODUCT.md § Canonical data)
        count(distinct order_key) filter (where amount > 0) as order_count
    from orders_in_window
    group by customer
),

customer_metric as (
    select
        *,
        case $metric
            when 'net_revenue' then net_revenue
            when 'gross_profit' then gross_profit
            when 'order_count' then order_count
        end as metric
    from customer_totals
),

ranked as (
    select
        *,
        row_number() over (order by metric desc, customer asc) as rank,
        coalesce(sum(greatest(metric, 0)) over (
            order by metric desc, customer asc
            rows between unbounded preceding and 1 preceding
        ), 0) as metric_before,
        sum(greatest(metric, 0)) over () as metric_positive_total
    from customer_metric
),

tiered as (
    select
        *,
        case
            when metric <= 0 then 'C'
            -- compared in DECIMAL, not as a float share, so cum_before of exactly 0.80 is B
            when metric_before < $a_below::decimal(7, 6) * metric_positive_total then 'A'
            when metric_before < $b_below::decimal(7, 6) * metric_positive_total then 'B'
            else 'C'
        end as tier
    from ranked
)

select
    rank::bigint as rank,
    customer,
    customer_name,
    account_manager,
    tier,
    metric::double as metric,
    -- nullif: a window with no positive metric makes everyone C instead of dividing by zero
    metric_before / nullif(metric_positive_total, 0) as cum_before,
    (metric_before + greatest(metric, 0)) / nullif(metric_positive_total, 0) as cum_share,
    net_revenue::double as net_revenue,
    (net_revenue * 100)::bigint as net_revenue_cents,
    gross_profit::double as gross_profit,
    order_count::bigint as order_count
from tiered
order by rank
